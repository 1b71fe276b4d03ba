using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// eth_ polling filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter, eth_getFilterChanges,
/// eth_getFilterLogs, eth_uninstallFilter). Apart from <see cref="EthRpcModule"/> because it holds state.
/// </summary>
public sealed class EthFilterRpcModule(ILedgerBackend backend, JsonRpcOptions options, FilterManager filters)
{
    public JsonRpcError? eth_newFilter(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var request = LogFilterParser.Parse(p[0], new ArgPath(0), options);
        if (request.BlockHash is not null)
        {
            throw JsonRpcException.InvalidParams("invalid argument 0: blockHash is not supported by eth_newFilter, use eth_getLogs");
        }

        if (request.FromBlock is { Tag: BlockTag.Number } from && request.ToBlock is { Tag: BlockTag.Number } to && from.Number > to.Number)
        {
            throw JsonRpcException.InvalidParams("invalid block range params");
        }

        var id = filters.Install(new InstalledFilter(FilterKind.Logs, backend.HeadNumber + 1, request));
        result.WriteStringValue(id);
        return null;
    }

    public JsonRpcError? eth_newBlockFilter(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStringValue(filters.Install(new InstalledFilter(FilterKind.Blocks, backend.HeadNumber + 1)));
        return null;
    }

    /// <summary>geth's optional fullTx argument: true reports transaction objects instead of hashes.</summary>
    public JsonRpcError? eth_newPendingTransactionFilter(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 1);
        var full = p.IsPresent(0) && p.Bool(0);
        result.WriteStringValue(filters.Install(new InstalledFilter(FilterKind.PendingTransactions, 0, fullTransactions: full)));
        return null;
    }

    public JsonRpcError? eth_uninstallFilter(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        result.WriteBooleanValue(filters.Uninstall(FilterId(p)));
        return null;
    }

    /// <summary>Everything new since the last poll: block hashes, transaction hashes or logs, by the filter's kind.</summary>
    public JsonRpcError? eth_getFilterChanges(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var filter = filters.Use(FilterId(p));
        if (filter is null)
        {
            return NotFound();
        }

        lock (filter.Lock)
        {
            return filter.Kind switch
            {
                FilterKind.Blocks => BlockChanges(filter, result),
                FilterKind.PendingTransactions => PendingChanges(filter, result),
                _ => LogChanges(filter, result),
            };
        }
    }

    /// <summary>All logs matching a log filter's criteria, exactly as eth_getLogs would answer them.</summary>
    public JsonRpcError? eth_getFilterLogs(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var filter = filters.Use(FilterId(p));
        if (filter?.Request is not { } request)
        {
            return NotFound();
        }

        var head = backend.HeadNumber;
        var from = LogQuery.RangeEnd(request.FromBlock, head);
        var to = LogQuery.RangeEnd(request.ToBlock, head);
        if (LogQuery.CheckRange(from, to, head, options) is { } error)
        {
            return error;
        }

        return LogQuery.Write(backend, options, new LogFilter(from, to, request.Criteria), result);
    }

    private JsonRpcError? BlockChanges(InstalledFilter filter, Utf8JsonWriter result)
    {
        var head = backend.HeadNumber;
        result.WriteStartArray();

        // Capped per poll like a log query; the rest comes with the next poll.
        var last = Math.Min(head, filter.NextBlock + options.MaxLogBlockRange - 1);
        for (var number = filter.NextBlock; number <= last; number++)
        {
            if (backend.GetBlock(number) is { } block)
            {
                result.WriteHashValue(block.Header.Hash);
            }
        }

        result.WriteEndArray();
        filter.NextBlock = Math.Max(filter.NextBlock, last + 1);
        return null;
    }

    /// <summary>At most MaxTxPoolResults per poll (the rest with the next poll), so a poll's answer stays bounded.</summary>
    private JsonRpcError? PendingChanges(InstalledFilter filter, Utf8JsonWriter result)
    {
        var drained = filters.ReadPending(filter, options.MaxTxPoolResults);
        result.WriteStartArray();
        foreach (var tx in drained)
        {
            if (filter.FullTransactions)
            {
                TransactionJson.Write(result, tx, null, 0);
            }
            else
            {
                result.WriteHashValue(tx.Hash);
            }
        }

        result.WriteEndArray();
        return null;
    }

    private JsonRpcError? LogChanges(InstalledFilter filter, Utf8JsonWriter result)
    {
        var request = filter.Request!;
        var head = backend.HeadNumber;
        // A tag as fromBlock (or none) means "from when the filter was made": only an explicit number raises the start.
        var from = request.FromBlock is { Tag: BlockTag.Number } start ? Math.Max(filter.NextBlock, start.Number) : filter.NextBlock;
        var to = Math.Min(head, LogQuery.RangeEnd(request.ToBlock, head));
        if (from > to)
        {
            LogQuery.WriteEmpty(result);
            return null;
        }

        to = Math.Min(to, from + options.MaxLogBlockRange - 1);
        var error = LogQuery.Write(backend, options, new LogFilter(from, to, request.Criteria), result);
        if (error is null)
        {
            filter.NextBlock = to + 1;
        }

        return error;
    }

    private static string FilterId(RpcParams p)
    {
        var id = p[0];
        if (id.ValueKind != JsonValueKind.String)
        {
            throw JsonRpcException.InvalidParams($"invalid argument 0: filter id must be a string, got {JsonParse.Describe(id)}");
        }

        return id.GetString()!;
    }

    private static JsonRpcError NotFound() => JsonRpcError.InvalidInput("filter not found");
}
