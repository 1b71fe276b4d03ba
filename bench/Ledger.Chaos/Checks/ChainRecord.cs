namespace Ledger.Chaos.Checks;

/// <summary>
/// Every block any node reported, checked as it arrives: the first block seen at a height is the reference, and a node
/// reporting another hash (or state root) there is a fork; a block whose parent hash is not the reference block below it
/// breaks the chain; a transaction hash in two reference blocks is a double inclusion. Also keeps, per node, the head it
/// reported over time (convergence) and raises <see cref="Committed"/> for each transaction of a new reference block.
/// Thread-safe; pure bookkeeping (no I/O), so tests can feed it planted histories.
/// </summary>
public sealed class ChainRecord(int nodes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, BlockSummary> _reference = [];
    private readonly Dictionary<string, ulong> _transactions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Violation> _violations = [];
    private readonly ulong[] _heads = new ulong[nodes];
    private readonly List<(TimeSpan At, ulong Head)>[] _headHistory = [.. Enumerable.Range(0, nodes).Select(_ => new List<(TimeSpan, ulong)>())];
    private readonly HashSet<(int Node, ulong Height)> _seen = [];

    /// <summary>A transaction first seen committed: its hash, height and when.</summary>
    public event Action<string, ulong, TimeSpan>? Committed;

    public int Nodes { get; } = nodes;

    public IReadOnlyList<Violation> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>The highest reference height.</summary>
    public ulong Height
    {
        get
        {
            lock (_lock)
            {
                return _reference.Count == 0 ? 0 : _reference.Keys.Max();
            }
        }
    }

    public ulong HeadOf(int node)
    {
        lock (_lock)
        {
            return _heads[node];
        }
    }

    /// <summary>The highest head any node reported.</summary>
    public ulong MaxHead
    {
        get
        {
            lock (_lock)
            {
                return _heads.Max();
            }
        }
    }

    /// <summary>True when <paramref name="node"/>'s block at <paramref name="height"/> was read (and compared).</summary>
    public bool HasSeen(int node, ulong height)
    {
        lock (_lock)
        {
            return _seen.Contains((node, height));
        }
    }

    /// <summary>The height of a committed transaction, or null.</summary>
    public ulong? HeightOf(string transactionHash)
    {
        lock (_lock)
        {
            return _transactions.TryGetValue(transactionHash, out var height) ? height : null;
        }
    }

    public BlockSummary? Block(ulong height)
    {
        lock (_lock)
        {
            return _reference.GetValueOrDefault(height);
        }
    }

    /// <summary>Node <paramref name="node"/> reports head <paramref name="head"/>. A head lower than before is a lost block unless <paramref name="wiped"/>.</summary>
    public void ObserveHead(int node, ulong head, TimeSpan at, bool wiped = false)
    {
        lock (_lock)
        {
            if (head < _heads[node] && !wiped)
            {
                _violations.Add(new Violation(
                    ViolationKind.LostCommittedBlocks,
                    $"node {node} reported head {_heads[node]} and later {head} at {at.TotalSeconds:F1} s without its data being wiped: committed blocks were lost"));
            }

            if (head != _heads[node] || _headHistory[node].Count == 0)
            {
                _headHistory[node].Add((at, head));
            }

            _heads[node] = head;
            if (wiped)
            {
                _seen.RemoveWhere(s => s.Node == node);
            }
        }
    }

    /// <summary>A block node <paramref name="node"/> holds at its height.</summary>
    public void ObserveBlock(int node, BlockSummary block, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(block);
        List<string>? newlyCommitted = null;
        lock (_lock)
        {
            if (!_seen.Add((node, block.Number)))
            {
                return;
            }

            if (_reference.TryGetValue(block.Number, out var reference))
            {
                if (!string.Equals(reference.Hash, block.Hash, StringComparison.OrdinalIgnoreCase))
                {
                    _violations.Add(new Violation(ViolationKind.Fork, $"at height {block.Number} node {node} has block {block.Hash}, another node has {reference.Hash}"));
                }
                else if (!string.Equals(reference.StateRoot, block.StateRoot, StringComparison.OrdinalIgnoreCase))
                {
                    _violations.Add(new Violation(ViolationKind.Fork, $"block {block.Number} ({block.Hash}) has state root {block.StateRoot} on node {node}, {reference.StateRoot} elsewhere"));
                }
            }
            else
            {
                _reference[block.Number] = block;
                newlyCommitted = [];
                foreach (var tx in block.Transactions)
                {
                    if (_transactions.TryGetValue(tx, out var other))
                    {
                        _violations.Add(new Violation(ViolationKind.DoubleInclusion, $"transaction {tx} is in block {other} and in block {block.Number}"));
                    }
                    else
                    {
                        _transactions[tx] = block.Number;
                        newlyCommitted.Add(tx);
                    }
                }
            }

            if (block.Number > 0 && _reference.TryGetValue(block.Number - 1, out var parent)
                && !string.Equals(parent.Hash, block.ParentHash, StringComparison.OrdinalIgnoreCase))
            {
                _violations.Add(new Violation(ViolationKind.Fork, $"block {block.Number} on node {node} names parent {block.ParentHash}, but block {block.Number - 1} is {parent.Hash}"));
            }

            if (_reference.TryGetValue(block.Number + 1, out var child)
                && !string.Equals(child.ParentHash, block.Hash, StringComparison.OrdinalIgnoreCase))
            {
                _violations.Add(new Violation(ViolationKind.Fork, $"block {block.Number + 1} names parent {child.ParentHash}, but node {node} has {block.Hash} at {block.Number}"));
            }
        }

        if (newlyCommitted is not null)
        {
            foreach (var tx in newlyCommitted)
            {
                Committed?.Invoke(tx, block.Number, at);
            }
        }
    }

    /// <summary>When every node's head first reached at least <paramref name="height"/> at or after <paramref name="from"/>, or null.</summary>
    public TimeSpan? AllReached(ulong height, TimeSpan from)
    {
        lock (_lock)
        {
            var latest = from;
            for (var node = 0; node < Nodes; node++)
            {
                var history = _headHistory[node];
                TimeSpan? reached = null;
                var earlier = history.FindLastIndex(h => h.At <= from);
                if (earlier >= 0 && history[earlier].Head >= height)
                {
                    reached = from;
                }
                else
                {
                    foreach (var (at, head) in history)
                    {
                        if (at >= from && head >= height)
                        {
                            reached = at;
                            break;
                        }
                    }
                }

                if (reached is not { } when)
                {
                    return null;
                }

                latest = when > latest ? when : latest;
            }

            return latest;
        }
    }
}
