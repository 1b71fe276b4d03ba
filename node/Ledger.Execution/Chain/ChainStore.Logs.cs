using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Chain;

public sealed partial class ChainStore
{
    /// <summary>
    /// Logs of blocks [<paramref name="fromBlock"/>, <paramref name="toBlock"/>] (clamped to the head) in chain order,
    /// matching any of <paramref name="addresses"/> (empty = any) and, per position i, any topic of
    /// <paramref name="topics"/>[i] (null or missing = any), as eth_getLogs. A block whose header bloom cannot
    /// contain a match is skipped without reading its receipts. Throws <see cref="LogLimitExceededException"/>
    /// beyond <paramref name="maxResults"/> matches.
    /// </summary>
    public IReadOnlyList<ChainLog> GetLogs(
        ulong fromBlock, ulong toBlock, IReadOnlyList<Address> addresses, IReadOnlyList<IReadOnlyList<Hash32>?> topics, int maxResults = 10_000)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(topics);
        var results = new List<ChainLog>();
        var last = Math.Min(toBlock, HeadNumber);
        for (var number = fromBlock; number <= last; number++)
        {
            var header = GetHeader(number) ?? throw Inconsistent($"canonical block {number} is missing");
            if (!BloomMayMatch(header.LogsBloom, addresses, topics))
            {
                continue;
            }

            var block = GetBlock(number)!;
            var receipts = GetReceipts(header.Hash) ?? throw Inconsistent($"receipts of block {number} are missing");
            var logIndex = 0;
            for (var txIndex = 0; txIndex < receipts.Count; txIndex++)
            {
                foreach (var log in receipts[txIndex].Logs)
                {
                    if (Matches(log, addresses, topics))
                    {
                        if (results.Count == maxResults)
                        {
                            throw new LogLimitExceededException(maxResults);
                        }

                        results.Add(new ChainLog(log, number, header.Hash, block.Transactions[txIndex].Hash, txIndex, logIndex));
                    }

                    logIndex++;
                }
            }
        }

        return results;
    }

    private static bool BloomMayMatch(byte[] bloom, IReadOnlyList<Address> addresses, IReadOnlyList<IReadOnlyList<Hash32>?> topics)
    {
        if (addresses.Count > 0 && !AnyAddress(bloom, addresses))
        {
            return false;
        }

        foreach (var alternatives in topics)
        {
            if (alternatives is { Count: > 0 } && !AnyTopic(bloom, alternatives))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyAddress(byte[] bloom, IReadOnlyList<Address> addresses)
    {
        foreach (var address in addresses)
        {
            if (Bloom.MayContain(bloom, address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyTopic(byte[] bloom, IReadOnlyList<Hash32> topics)
    {
        foreach (var topic in topics)
        {
            if (Bloom.MayContain(bloom, topic))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(LogEntry log, IReadOnlyList<Address> addresses, IReadOnlyList<IReadOnlyList<Hash32>?> topics)
    {
        if (addresses.Count > 0 && !Contains(addresses, log.Address))
        {
            return false;
        }

        for (var i = 0; i < topics.Count; i++)
        {
            if (topics[i] is not { Count: > 0 } alternatives)
            {
                continue;
            }

            if (i >= log.Topics.Count || !Contains(alternatives, log.Topics[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains<T>(IReadOnlyList<T> items, T item)
        where T : IEquatable<T>
    {
        foreach (var candidate in items)
        {
            if (candidate.Equals(item))
            {
                return true;
            }
        }

        return false;
    }
}
