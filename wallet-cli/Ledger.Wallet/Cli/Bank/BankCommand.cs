using System.CommandLine;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>
/// <c>bank …</c>: what a bank's operator key (or its compliance officers and issuers) does on the ledger. Every
/// action is one signed module call; the module decides whether the signer may do it and says why not.
/// </summary>
internal static partial class BankCommand
{
    private const string OperatorHelp = "The operator's (or compliance officer's / issuer's) wallet account that signs.";

    public static Command Create(CommandContext context)
    {
        var bank = new Command(
            "bank",
            "Bank operator commands: identities (KYC), issuance, freezes, limits, forced transfers, recovery.\n\nExamples:\n"
            + "  ledger-wallet bank register --account bank-a --customer 0x… --jurisdiction US --kyc 2 --expires 2030-12-31\n"
            + "  ledger-wallet bank mint --account bank-a --token USDA --to 0x… --amount 500 --reference DEP-0001");
        bank.Subcommands.Add(CreateRegister(context));
        bank.Subcommands.Add(CreateUpdate(context));
        bank.Subcommands.Add(CreateRevoke(context));
        bank.Subcommands.Add(CreateIdentity(context));
        bank.Subcommands.Add(CreateRecover(context));
        bank.Subcommands.Add(CreateMint(context));
        bank.Subcommands.Add(CreateBurn(context));
        bank.Subcommands.Add(CreateForcedTransfer(context));
        bank.Subcommands.Add(CreateRequest(context));
        bank.Subcommands.Add(CreateFreeze(context));
        bank.Subcommands.Add(CreateUnfreeze(context));
        bank.Subcommands.Add(CreateLimits(context));
        bank.Subcommands.Add(CreatePostRate(context));
        bank.Subcommands.Add(CreateRate(context));
        bank.Subcommands.Add(CreateAllowSettlement(context));
        bank.Subcommands.Add(CreateSignQuote(context));
        return bank;
    }

    /// <summary>A signed operator action: options, then <paramref name="prepare"/> builds the call, then sign and print.</summary>
    private static Command Operation(
        CommandContext context,
        string name,
        string help,
        IEnumerable<Option> options,
        Func<ParseResult, WalletSession, CancellationToken, Task<BankOperation>> prepare) =>
        Operation(context, name, help, options, prepare, static (session, outcome, operation) => Transactor.Print(session, outcome, operation.Done, operation.Extra));

    /// <summary>As above, with <paramref name="finish"/> printing the outcome (a four-eyes request prints its id and the next step).</summary>
    private static Command Operation(
        CommandContext context,
        string name,
        string help,
        IEnumerable<Option> options,
        Func<ParseResult, WalletSession, CancellationToken, Task<BankOperation>> prepare,
        Func<WalletSession, Transactor.Outcome, BankOperation, int> finish)
    {
        var signer = new SignerOptions(OperatorHelp);
        var command = new Command(name, help);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var operation = await prepare(parse, session, ct).ConfigureAwait(false);
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), operation.To, operation.Data, operation.Summary, ct).ConfigureAwait(false);
            return finish(session, outcome, operation);
        }));
        return command;
    }

    private static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };
}
