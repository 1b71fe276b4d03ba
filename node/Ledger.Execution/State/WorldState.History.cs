using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

public sealed partial class WorldState
{
    /// <summary>Blocks of state kept readable by default: at least the 128 geth and Besu serve without an archive.</summary>
    public const int DefaultHistoryBlocks = 128;

    private readonly StateHistory _history;

    /// <summary>The reverse diffs that make older states readable.</summary>
    public StateHistory History => _history;

    /// <summary>
    /// The state after block <paramref name="number"/> (at most the head): an in-memory snapshot while one is
    /// retained, else rebuilt from the reverse diffs; null when the block is older than the history window.
    /// </summary>
    public IStateView? StateAt(ulong number)
    {
        if (At(number) is { } snapshot)
        {
            return snapshot;
        }

        return number >= _history.OldestBlock && number <= Head.BlockNumber ? new HistoricalState(_store, _history, number) : null;
    }

    /// <summary>
    /// The head's tree nodes and the entries of <paramref name="bucket"/> as one consistent picture (no commit can
    /// land in between): the starting point of a proof of an older block.
    /// </summary>
    internal (ulong HeadNumber, Hash32[] Nodes, List<BucketEntry> Entries) CaptureHead(int bucket)
    {
        lock (_gate)
        {
            var entries = new List<BucketEntry>();
            ReadEntries(bucket, entries);
            return (_head.BlockNumber, _tree.CopyNodes(), entries);
        }
    }

    private List<KeyValuePair<int, Hash32>> PreviousBucketHashes(StateTreeUpdate update)
    {
        var previous = new List<KeyValuePair<int, Hash32>>();
        foreach (var index in update.ChangedNodes.Keys)
        {
            if (index >= StateTree.BucketCount)
            {
                var bucket = index - StateTree.BucketCount;
                previous.Add(new(bucket, _tree.GetBucketHash(bucket)));
            }
        }

        return previous;
    }
}
