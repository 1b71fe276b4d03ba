using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Keys;

/// <summary>
/// Where a password comes from, in order: <c>--password-file</c> (its first line), the
/// <c>LEDGER_WALLET_PASSWORD</c> environment variable, or a prompt without echo when a terminal is attached.
/// The password is never printed.
/// </summary>
public sealed class PasswordSource
{
    public const string EnvironmentVariable = "LEDGER_WALLET_PASSWORD";

    private readonly FileInfo? _file;
    private readonly TextWriter _prompt;
    private readonly ITerminal _terminal;

    public PasswordSource(FileInfo? file, TextWriter prompt, ITerminal terminal)
    {
        _file = file;
        _prompt = prompt;
        _terminal = terminal;
    }

    /// <summary>True when the password is typed at a prompt (no file, no environment variable): a wrong one may be typed again.</summary>
    public bool Prompts => _file is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)) && _terminal.IsInteractive;

    /// <param name="confirm">Ask twice at a prompt (new keys), so a typo does not lock the key away.</param>
    public string Read(string purpose, bool confirm)
    {
        if (_file is not null)
        {
            if (!_file.Exists)
            {
                throw WalletException.Usage($"the password file {_file.FullName} does not exist");
            }

            using var reader = new StreamReader(_file.FullName);
            return NonEmpty(reader.ReadLine() ?? string.Empty, $"the password file {_file.FullName}");
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (!_terminal.IsInteractive)
        {
            throw WalletException.Usage($"a password is needed ({purpose}): pass --password-file FILE or set {EnvironmentVariable}");
        }

        var password = NonEmpty(Prompt($"Password ({purpose}): "), "the password");
        if (confirm && Prompt("Repeat the password: ") != password)
        {
            throw WalletException.Usage("the two passwords differ; nothing was changed");
        }

        return password;
    }

    private string Prompt(string text)
    {
        _prompt.Write(text);
        var typed = _terminal.ReadSecret();
        _prompt.WriteLine();
        return typed;
    }

    private static string NonEmpty(string password, string source) =>
        password.Length > 0 ? password : throw WalletException.Usage($"{source} is empty; a keystore needs a password");
}
