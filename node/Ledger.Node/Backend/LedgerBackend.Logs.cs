using Ledger.Core.Chain;
using Ledger.Execution.Chain;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>
    /// Logs of the filter's blocks in chain order. Each block's header bloom is tested with the filter's
    /// precompiled bloom bits (<see cref="JsonRpc.Subscriptions.LogCriteria.MayMatch"/>), so a query over many
    /// blocks and many addresses hashes each address once per query, never once per block; a block whose bloom
    /// rules out a match is skipped without reading its receipts. Past <see cref="LogFilter.MaxResults"/> matches
    /// the query fails with -32005 instead of growing.
    /// </summary>
    public IReadOnlyList<LogMatch> GetLogs(LogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = filter.FromBlock;
        var to = filter.ToBlock;
        if (filter.BlockHash is { } blockHash)
        {
            if (_chain.GetHeader(blockHash) is not { } header)
            {
                throw new JsonRpcException(JsonRpcErrorCode.ResourceNotFound, $"unknown block {blockHash}");
            }

            from = to = header.Number;
        }

        var criteria = filter.Criteria;
        var matches = new List<LogMatch>();
        var last = Math.Min(to, _chain.HeadNumber);
        EnsureStored(from);
        for (var number = from; number <= last; number++)
        {
            var header = _chain.GetHeader(number) ?? throw new ChainDataException($"canonical block {number} is missing");
            if (!criteria.MayMatch(header.LogsBloom))
            {
                continue;
            }

            var block = _chain.GetBlock(number) ?? throw new ChainDataException($"canonical block {number} is missing");
            var receipts = _chain.GetReceipts(header.Hash) ?? throw new ChainDataException($"receipts of block {number} are missing");
            AddMatches(matches, criteria, block, receipts, filter.MaxResults);
        }

        return matches;
    }

    private static void AddMatches(List<LogMatch> matches, JsonRpc.Subscriptions.LogCriteria criteria, Block block, IReadOnlyList<Receipt> receipts, int maxResults)
    {
        var logIndex = 0;
        for (var txIndex = 0; txIndex < receipts.Count; txIndex++)
        {
            foreach (var log in receipts[txIndex].Logs)
            {
                if (criteria.Matches(log))
                {
                    if (matches.Count == maxResults)
                    {
                        throw new JsonRpcException(JsonRpcErrorCode.LimitExceeded, $"query returned more than {maxResults} results; narrow the block range or filter");
                    }

                    matches.Add(new LogMatch(log, block.Header.Number, block.Header.Hash, block.Transactions[txIndex].Hash, txIndex, logIndex));
                }

                logIndex++;
            }
        }
    }
}
