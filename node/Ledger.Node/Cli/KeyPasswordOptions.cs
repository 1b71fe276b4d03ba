using System.CommandLine;
using Ledger.Custody.Files;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// <c>--key-password-file</c> / <c>--key-password-env</c> of the <c>ledger key</c> commands: the same names as on
/// <c>ledger run</c>, so the file or variable that unlocks a keystore there is the one that wrote it here.
/// </summary>
internal sealed class KeyPasswordOptions
{
    private readonly Option<FileInfo> _file = new("--key-password-file") { Description = "File holding the keystore password (one line; mode 0600)." };

    private readonly Option<string> _env = new("--key-password-env") { Description = "Environment variable holding the keystore password." };

    private readonly Option<bool> _allowInsecure = new("--allow-insecure-key-file") { Description = "Accept a password file readable by other users (a warning is printed)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_file);
        command.Options.Add(_env);
        command.Options.Add(_allowInsecure);
    }

    /// <summary>The password, or null when neither option was given and <paramref name="required"/> is false.</summary>
    public string? Read(ParseResult parse, bool required)
    {
        var file = parse.GetValue(_file)?.FullName;
        var env = parse.GetValue(_env);
        if (file is not null && env is not null)
        {
            throw new NodeConfigurationException("give one of --key-password-file and --key-password-env, not both");
        }

        if (file is not null)
        {
            ValidatorSigners.RequirePrivate(file, "keystore password file", parse.GetValue(_allowInsecure), parse.InvocationConfiguration.Error);
            return SecretFile.ReadSecret(file, "keystore password file");
        }

        if (env is not null)
        {
            return SecretFile.ReadEnvironment(env, "keystore password");
        }

        return required
            ? throw new NodeConfigurationException("a keystore needs a password: give --key-password-file FILE or --key-password-env VARIABLE")
            : null;
    }
}
