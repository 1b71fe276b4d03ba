using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Cli;

/// <summary>
/// The <c>ledger-wallet</c> command line. Every action runs through <see cref="Run"/>, which turns expected
/// failures into one plain line on standard error (and <c>{"error": ...}</c> with --json) and an exit code from
/// <see cref="ExitCodes"/>; keys and passwords never appear in any output.
/// </summary>
public static class WalletCli
{
    public static RootCommand Create(Func<WalletSession, ILedgerClient>? connect = null, ITerminal? terminal = null)
    {
        var options = new GlobalOptions();
        var root = new RootCommand(
            "ledger-wallet: keys, balances, payments and history for a Ledger node. Signs locally; keys never leave this machine.\n\n"
            + "Examples:\n"
            + "  ledger-wallet account import --name alice --private-key 0x… --password-file pw.txt\n"
            + "  ledger-wallet balance --account alice\n"
            + "  ledger-wallet send --account alice --to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --amount 12.5 --token USDA --yes\n"
            + "  ledger-wallet history --account alice --json");
        options.AddTo(root);
        var context = new CommandContext(options, connect ?? DefaultConnect, terminal ?? ConsoleTerminal.Instance);
        root.Subcommands.Add(AccountCommands.Create(context));
        root.Subcommands.Add(BalanceCommand.Create(context));
        root.Subcommands.Add(SendCommand.Create(context));
        root.Subcommands.Add(HistoryCommand.Create(context));
        root.Subcommands.Add(TxCommands.Create(context));
        root.Subcommands.Add(TokensCommand.Create(context));
        root.Subcommands.Add(NodeCommand.Create(context));
        root.Subcommands.Add(ContactsCommand.Create(context));
        root.Subcommands.Add(InvoiceCommand.Create(context));
        root.Subcommands.Add(StatementCommand.Create(context));
        root.Subcommands.Add(Bank.BankCommand.Create(context));
        root.Subcommands.Add(AliasCommand.Create(context));
        root.Subcommands.Add(Settlement.EscrowCommand.Create(context));
        root.Subcommands.Add(Settlement.HtlcCommand.Create(context));
        root.Subcommands.Add(Merchant.LoyaltyCommands.CreatePoints(context));
        root.Subcommands.Add(Merchant.LoyaltyCommands.CreateCoupon(context));
        root.Subcommands.Add(Guardians.GuardianCommand.Create(context));
        root.Subcommands.Add(Guardians.HeldTransferCommands.CreatePending(context));
        root.Subcommands.Add(Guardians.HeldTransferCommands.CreateApprove(context));
        root.Subcommands.Add(Guardians.HeldTransferCommands.CreateCancel(context));
        // No command: show the commands rather than an error about a missing one.
        root.SetAction(parse =>
        {
            new System.CommandLine.Help.HelpAction().Invoke(parse);
            return ExitCodes.Usage;
        });
        return root;
    }

    /// <summary>Parses and runs; parse errors are usage errors (exit code 2), listed one per line.</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null, Func<WalletSession, ILedgerClient>? connect = null, ITerminal? terminal = null)
    {
        var parse = Create(connect, terminal).Parse(args);
        configuration ??= new InvocationConfiguration();
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await configuration.Error.WriteLineAsync($"ledger-wallet: {error.Message}").ConfigureAwait(false);
            }

            await configuration.Error.WriteLineAsync("Run with --help for usage and examples.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }

    internal static async Task<int> Run(CommandContext context, ParseResult parse, Func<WalletSession, Task<int>> action)
    {
        using var session = new WalletSession(parse, context.Options, context.Connect, context.Terminal);
        try
        {
            return await action(session).ConfigureAwait(false);
        }
        catch (WalletException ex)
        {
            await session.Error.WriteLineAsync($"ledger-wallet: {ex.Message}").ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["error"] = ex.Message, ["exitCode"] = ex.ExitCode });
            }

            return ex.ExitCode;
        }
    }

    private static ILedgerClient DefaultConnect(WalletSession session)
    {
        if (session.RpcText is { } rpc)
        {
            if (session.NodeText is not null)
            {
                throw WalletException.Usage("give either --node (gRPC) or --rpc (JSON-RPC), not both");
            }

            return new JsonRpcLedgerClient(NodeAddress.ParseRpc(rpc), Token(session));
        }

        return new GrpcLedgerClient(NodeAddress.Parse(session.NodeText ?? NodeAddress.Default), Token(session));
    }

    private static string? Token(WalletSession session) => session.TokenFile is { } file ? BearerToken.Read(file) : null;
}
