using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Api.V1;

namespace Ledger.Wallet.Cli;

/// <summary><c>tx status HASH</c>: pending, final (with the receipt) or unknown.</summary>
internal static class TxCommands
{
    public static Command Create(CommandContext context)
    {
        var tx = new Command("tx", "Look at transactions.");
        var hash = new Argument<string>("hash") { Description = "The transaction hash (0x + 64 hex digits)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is final." };
        var status = new Command("status", "Show whether a transaction is pending or final, with its receipt.\n\nExample:\n  ledger-wallet tx status 0x5c50…e1f2 --json") { hash, wait };
        status.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var text = parse.GetRequiredValue(hash);
            if (!Core.Primitives.Hash32.TryParse(text, out var parsed))
            {
                throw WalletException.Usage($"'{text}' is not a transaction hash (0x followed by 64 hex digits)");
            }

            var found = await session.Client.GetTransactionAsync(parsed, ct).ConfigureAwait(false);
            if (found is { Stage: TransactionStage.Pending } && parse.GetValue(wait))
            {
                using var progress = new Progress(session, $"Waiting until {parsed} is final");
                found = new TransactionStatus { TransactionHash = parsed.ToString(), Stage = TransactionStage.Final, Receipt = await session.Client.WaitForReceiptAsync(parsed, progress.Tick, ct).ConfigureAwait(false) };
            }

            var state = found is null ? "unknown" : found.Stage == TransactionStage.Final ? (found.Receipt.Success ? "success" : "reverted") : "pending";
            if (session.Json)
            {
                var json = new JsonObject { ["hash"] = parsed.ToString(), ["status"] = state };
                if (found?.Receipt is { } receipt)
                {
                    json["blockNumber"] = receipt.BlockNumber;
                    json["blockHash"] = receipt.BlockHash;
                    json["from"] = receipt.From;
                    json["to"] = receipt.To;
                    json["gasUsed"] = receipt.GasUsed;
                    json["logs"] = receipt.Logs.Count;
                    if (!receipt.Success)
                    {
                        json["error"] = receipt.RevertReason;
                    }
                }

                session.WriteJson(json);
            }
            else
            {
                session.Out.WriteLine(state switch
                {
                    "unknown" => $"{parsed}: unknown to this node (never submitted, or dropped from the pool)",
                    "pending" => $"{parsed}: pending (waiting in the pool)",
                    "success" => $"{parsed}: final, succeeded in block {found!.Receipt.BlockNumber}",
                    _ => $"{parsed}: final, failed in block {found!.Receipt.BlockNumber}: {found.Receipt.RevertReason}",
                });
            }

            return state == "unknown" ? ExitCodes.Failure : state == "reverted" ? ExitCodes.Rejected : ExitCodes.Success;
        }));
        tx.Subcommands.Add(status);
        return tx;
    }
}
