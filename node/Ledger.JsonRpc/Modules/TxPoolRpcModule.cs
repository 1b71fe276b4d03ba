using System.Globalization;
using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// The txpool_ namespace (geth): what waits in the pool, split as geth does into "pending" (executable now: nonces
/// consecutive from the sender's committed nonce) and "queued" (behind a nonce gap).
/// </summary>
public sealed class TxPoolRpcModule(ILedgerBackend backend)
{
    public JsonRpcError? txpool_status(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        var (pending, queued) = Classify();
        result.WriteStartObject();
        result.WriteQuantity("pending"u8, (ulong)Count(pending));
        result.WriteQuantity("queued"u8, (ulong)Count(queued));
        result.WriteEndObject();
        return null;
    }

    /// <summary>geth's shape: {pending: {sender: {nonce: tx}}, queued: {…}}; senders checksummed, nonces decimal.</summary>
    public JsonRpcError? txpool_content(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        var (pending, queued) = Classify();
        result.WriteStartObject();
        WriteGroup(result, "pending"u8, pending);
        WriteGroup(result, "queued"u8, queued);
        result.WriteEndObject();
        return null;
    }

    /// <summary>Executable pool transactions, per sender in nonce order (as eth_pendingTransactions lists them).</summary>
    internal IReadOnlyList<SignedTransaction> Executable()
    {
        var (pending, _) = Classify();
        var list = new List<SignedTransaction>();
        foreach (var (_, txs) in pending)
        {
            list.AddRange(txs);
        }

        return list;
    }

    private (SortedDictionary<Address, List<SignedTransaction>> Pending, SortedDictionary<Address, List<SignedTransaction>> Queued) Classify()
    {
        var bySender = new SortedDictionary<Address, List<SignedTransaction>>();
        foreach (var tx in backend.PendingTransactions())
        {
            if (!bySender.TryGetValue(tx.Sender, out var list))
            {
                bySender[tx.Sender] = list = [];
            }

            list.Add(tx);
        }

        var pending = new SortedDictionary<Address, List<SignedTransaction>>();
        var queued = new SortedDictionary<Address, List<SignedTransaction>>();
        foreach (var (sender, txs) in bySender)
        {
            txs.Sort(static (a, b) => a.Nonce.CompareTo(b.Nonce));
            var next = backend.GetTransactionCount(sender, pending: false);
            foreach (var tx in txs)
            {
                if (tx.Nonce == next)
                {
                    Add(pending, sender, tx);
                    next++;
                }
                else if (tx.Nonce > next)
                {
                    Add(queued, sender, tx);
                }
            }
        }

        return (pending, queued);
    }

    private static void Add(SortedDictionary<Address, List<SignedTransaction>> group, Address sender, SignedTransaction tx)
    {
        if (!group.TryGetValue(sender, out var list))
        {
            group[sender] = list = [];
        }

        list.Add(tx);
    }

    private static int Count(SortedDictionary<Address, List<SignedTransaction>> group)
    {
        var count = 0;
        foreach (var (_, txs) in group)
        {
            count += txs.Count;
        }

        return count;
    }

    private static void WriteGroup(Utf8JsonWriter writer, ReadOnlySpan<byte> name, SortedDictionary<Address, List<SignedTransaction>> group)
    {
        writer.WriteStartObject(name);
        foreach (var (sender, txs) in group)
        {
            writer.WriteStartObject(sender.ToChecksumString());
            foreach (var tx in txs)
            {
                writer.WritePropertyName(tx.Nonce.ToString(CultureInfo.InvariantCulture));
                TransactionJson.Write(writer, tx, null, 0);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
