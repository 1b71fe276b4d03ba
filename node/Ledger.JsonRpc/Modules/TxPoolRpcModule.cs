using System.Globalization;
using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// The txpool_ namespace (geth): what waits in the pool, split as geth does into "pending" (executable now: nonces
/// consecutive from the sender's committed nonce) and "queued" (behind a nonce gap). Listings are bounded and
/// pageable (<see cref="PoolPager"/>); txpool_status only counts.
/// </summary>
public sealed class TxPoolRpcModule(ILedgerBackend backend, JsonRpcOptions options)
{
    private readonly PoolPager _pager = new(backend, options);

    public JsonRpcError? txpool_status(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        ulong pending = 0;
        ulong queued = 0;
        foreach (var (_, txs) in Classify(backend.PendingTransactions()))
        {
            foreach (var (_, executable) in txs)
            {
                if (executable)
                {
                    pending++;
                }
                else
                {
                    queued++;
                }
            }
        }

        result.WriteStartObject();
        result.WriteQuantity("pending"u8, pending);
        result.WriteQuantity("queued"u8, queued);
        result.WriteEndObject();
        return null;
    }

    /// <summary>
    /// geth's shape: {pending: {sender: {nonce: tx}}, queued: {…}}; senders checksummed, nonces decimal. Paged
    /// with <c>{"limit", "cursor"}</c>, the object also carries <c>"cursor"</c> for the next page.
    /// </summary>
    public JsonRpcError? txpool_content(RpcParams p, Utf8JsonWriter result)
    {
        var page = _pager.Read(p, nameof(txpool_content));
        Write(result, page, static (writer, tx) => TransactionJson.Write(writer, tx, null, 0));
        return null;
    }

    /// <summary>geth's summary per transaction: "to: value wei + gas gas × gasPrice wei"; paged as txpool_content.</summary>
    public JsonRpcError? txpool_inspect(RpcParams p, Utf8JsonWriter result)
    {
        var page = _pager.Read(p, nameof(txpool_inspect));
        Write(result, page, static (writer, tx) => writer.WriteStringValue(Summary(tx)));
        return null;
    }

    private void Write(Utf8JsonWriter writer, PoolPage page, Action<Utf8JsonWriter, SignedTransaction> item)
    {
        var classified = Classify(page.Transactions);
        writer.WriteStartObject();
        WriteGroup(writer, "pending"u8, classified, executable: true, item);
        WriteGroup(writer, "queued"u8, classified, executable: false, item);
        if (page.Paged)
        {
            writer.WritePropertyName("cursor"u8);
            if (page.Cursor is { } cursor)
            {
                writer.WriteStringValue(cursor);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Per sender (ascending), its transactions in nonce order, each marked executable or queued: executable when
    /// its nonce is between the committed nonce and the pool's next nonce for the sender (which counts only
    /// transactions without a gap). A nonce already committed is left out: it is on its way out of the pool.
    /// </summary>
    private SortedDictionary<Address, List<(SignedTransaction Tx, bool Executable)>> Classify(IEnumerable<SignedTransaction> transactions)
    {
        var bySender = new SortedDictionary<Address, List<(SignedTransaction, bool)>>();
        var nonces = new Dictionary<Address, (ulong Committed, ulong Next)>();
        foreach (var tx in transactions)
        {
            if (!nonces.TryGetValue(tx.Sender, out var known))
            {
                nonces[tx.Sender] = known = (backend.GetTransactionCount(tx.Sender, pending: false), backend.GetTransactionCount(tx.Sender, pending: true));
            }

            if (tx.Nonce < known.Committed)
            {
                continue;
            }

            if (!bySender.TryGetValue(tx.Sender, out var list))
            {
                bySender[tx.Sender] = list = [];
            }

            list.Add((tx, tx.Nonce < known.Next));
        }

        foreach (var (_, list) in bySender)
        {
            list.Sort(static (a, b) => a.Item1.Nonce.CompareTo(b.Item1.Nonce));
        }

        return bySender;
    }

    private static void WriteGroup(
        Utf8JsonWriter writer,
        ReadOnlySpan<byte> name,
        SortedDictionary<Address, List<(SignedTransaction Tx, bool Executable)>> classified,
        bool executable,
        Action<Utf8JsonWriter, SignedTransaction> item)
    {
        writer.WriteStartObject(name);
        foreach (var (sender, txs) in classified)
        {
            var opened = false;
            foreach (var (tx, isExecutable) in txs)
            {
                if (isExecutable != executable)
                {
                    continue;
                }

                if (!opened)
                {
                    writer.WriteStartObject(sender.ToChecksumString());
                    opened = true;
                }

                writer.WritePropertyName(tx.Nonce.ToString(CultureInfo.InvariantCulture));
                item(writer, tx);
            }

            if (opened)
            {
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
    }

    private static string Summary(SignedTransaction tx)
    {
        var to = tx.To is { } address ? address.ToChecksumString() : "contract creation";
        var price = tx.Type == TxType.DynamicFee ? tx.MaxFeePerGas : tx.GasPrice;
        return string.Create(CultureInfo.InvariantCulture, $"{to}: {tx.Value} wei + {tx.GasLimit} gas × {price} wei");
    }
}
