using System.CommandLine;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Cli;

/// <summary>
/// The options of every command that signs a transaction: which account signs, whether to skip the confirmation,
/// and where the password comes from. One definition keeps their names and help identical across commands.
/// </summary>
internal sealed class SignerOptions
{
    public SignerOptions(string accountDescription)
    {
        Account = Lookup.AccountOption(required: true);
        Account.Description = accountDescription;
    }

    public Option<string> Account { get; }

    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Do not ask for confirmation (scripts)." };

    public Option<FileInfo> PasswordFile { get; } = new("--password-file")
    {
        Description = $"Read the account's password from FILE (else ${PasswordSource.EnvironmentVariable}, else a prompt).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Account);
        command.Options.Add(Yes);
        command.Options.Add(PasswordFile);
    }

    public Signer Read(ParseResult parse) => new(parse.GetRequiredValue(Account), parse.GetValue(Yes), parse.GetValue(PasswordFile));
}

/// <summary>Who signs, as the user chose it.</summary>
internal sealed record Signer(string Account, bool Yes, FileInfo? PasswordFile);
