using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Wallet.Outbox;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>tx status HASH</c> (pending, queued, final, dropped with the reason, or unknown), <c>tx resend HASH</c> (the same
/// signed bytes again, from the outbox) and <c>tx pending</c> (what this wallet sent that is not final yet).
/// </summary>
internal static class TxCommands
{
    public static Command Create(CommandContext context)
    {
        var tx = new Command("tx", "Look at transactions, and send again what a node lost.");
        tx.Subcommands.Add(CreateStatus(context));
        tx.Subcommands.Add(CreateResend(context));
        tx.Subcommands.Add(CreatePending(context));
        return tx;
    }

    private static Command CreateStatus(CommandContext context)
    {
        var hash = HashArgument();
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is final." };
        var status = new Command(
            "status",
            "Show whether a transaction is pending, queued behind a missing nonce, final (with its receipt) or dropped (with the reason).\n\nExample:\n  ledger-wallet tx status 0x5c50…e1f2 --json")
        {
            hash, wait,
        };
        status.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var parsed = ParseHash(parse.GetRequiredValue(hash));
            var found = await session.Client.GetTransactionAsync(parsed, ct).ConfigureAwait(false);
            if (found is { Stage: TransactionStage.Pending or TransactionStage.Queued } && parse.GetValue(wait))
            {
                using var progress = new Progress(session, $"Waiting until {parsed} is final");
                var receipt = await Submission.WaitAsync(session, parsed, progress.Tick, ct).ConfigureAwait(false);
                found = new TransactionStatus { TransactionHash = parsed.ToString(), Stage = TransactionStage.Final, Receipt = receipt };
            }

            Submission.Settle(session, parsed, found);
            var inOutbox = new SentTransactions(session.Store.Directory).Find(parsed) is not null;
            return Print(session, parsed, found, inOutbox);
        }));
        return status;
    }

    private static Command CreateResend(CommandContext context)
    {
        var hash = HashArgument();
        var resend = new Command(
            "resend",
            "Send a transaction this wallet signed again, byte for byte (e.g. after the node restarted and lost it). Safe to repeat: the same nonce can commit only once.\n\nExample:\n  ledger-wallet tx resend 0x5c50…e1f2")
        {
            hash,
        };
        resend.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var parsed = ParseHash(parse.GetRequiredValue(hash));
            var outbox = new SentTransactions(session.Store.Directory);
            var sent = outbox.Find(parsed)
                ?? throw WalletException.Usage($"{parsed} is not in this wallet's outbox (only transactions it signed and that are not final yet can be sent again; see `tx pending`)");
            var before = await session.Client.GetTransactionAsync(parsed, ct).ConfigureAwait(false);
            if (before is { Stage: TransactionStage.Final } || (before is not null && !Submission.CanResend(before)))
            {
                Submission.Settle(session, parsed, before);
                return Print(session, parsed, before, inOutbox: false);
            }

            if (before is null or { Stage: TransactionStage.Dropped })
            {
                await session.Client.SubmitAsync(sent.Raw, ct).ConfigureAwait(false);
            }

            var after = await session.Client.GetTransactionAsync(parsed, ct).ConfigureAwait(false);
            return Print(session, parsed, after, inOutbox: true);
        }));
        return resend;
    }

    private static Command CreatePending(CommandContext context)
    {
        var pending = new Command("pending", "List what this wallet sent that is not final yet, with what the node says of each.");
        pending.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var outbox = new SentTransactions(session.Store.Directory);
            var rows = new JsonArray();
            foreach (var sent in outbox.Load())
            {
                var status = await session.Client.GetTransactionAsync(sent.Hash, ct).ConfigureAwait(false);
                Submission.Settle(session, sent.Hash, status);
                var state = StateOf(status);
                rows.Add(new JsonObject { ["hash"] = sent.Hash.ToString(), ["from"] = sent.From.ToChecksumString(), ["nonce"] = sent.Nonce, ["status"] = state, ["summary"] = sent.Summary });
                if (!session.Json)
                {
                    session.Out.WriteLine($"{sent.Hash}  nonce {sent.Nonce}  {Describe(state, status)}  {sent.Summary}");
                }
            }

            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["transactions"] = rows });
            }
            else if (rows.Count == 0)
            {
                session.Out.WriteLine("nothing waiting: every transaction this wallet sent is final");
            }

            return ExitCodes.Success;
        }));
        return pending;
    }

    private static int Print(WalletSession session, Hash32 hash, TransactionStatus? found, bool inOutbox)
    {
        var state = StateOf(found);
        if (session.Json)
        {
            var json = new JsonObject { ["hash"] = hash.ToString(), ["status"] = state };
            if (found is { Stage: TransactionStage.Queued })
            {
                json["waitingForNonce"] = found.WaitingForNonce;
            }

            if (found is { Stage: TransactionStage.Dropped })
            {
                json["reason"] = found.DropReason;
                json["detail"] = found.DropDetail;
                if (found.ReplacedBy.Length > 0)
                {
                    json["replacedBy"] = found.ReplacedBy;
                }
            }

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

            json["canResend"] = inOutbox && (found is null || Submission.CanResend(found)) && state is "unknown" or "dropped";
            session.WriteJson(json);
        }
        else
        {
            session.Out.WriteLine($"{hash}: {Describe(state, found)}");
            if (inOutbox && state is "unknown" or "dropped" && (found is null || Submission.CanResend(found)))
            {
                session.Out.WriteLine($"  this wallet still has it: `ledger-wallet tx resend {hash}` sends it again");
            }
        }

        return state switch
        {
            "unknown" or "dropped" => ExitCodes.Failure,
            "reverted" => ExitCodes.Rejected,
            _ => ExitCodes.Success,
        };
    }

    private static string StateOf(TransactionStatus? found) => found?.Stage switch
    {
        null => "unknown",
        TransactionStage.Final => found.Receipt.Success ? "success" : "reverted",
        TransactionStage.Queued => "queued",
        TransactionStage.Dropped => "dropped",
        _ => "pending",
    };

    private static string Describe(string state, TransactionStatus? found) => state switch
    {
        "unknown" => "unknown to this node (never submitted to it, or lost when it restarted)",
        "pending" => "pending (waiting in the pool for the next block)",
        "queued" => $"queued: waiting for nonce {found!.WaitingForNonce} to be sent first",
        "dropped" => $"dropped: {found!.DropDetail}",
        "success" => $"final, succeeded in block {found!.Receipt.BlockNumber}",
        _ => $"final, failed in block {found!.Receipt.BlockNumber}: {found.Receipt.RevertReason}",
    };

    private static Argument<string> HashArgument() => new("hash") { Description = "The transaction hash (0x + 64 hex digits)." };

    private static Hash32 ParseHash(string text) =>
        Hash32.TryParse(text, out var parsed) ? parsed : throw WalletException.Usage($"'{text}' is not a transaction hash (0x followed by 64 hex digits)");
}
