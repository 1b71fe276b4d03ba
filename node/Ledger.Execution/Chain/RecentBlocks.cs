using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Chain;

/// <summary>
/// The last few committed blocks with their receipts, kept decoded: clients poll receipts and logs of recent
/// blocks constantly (ethers waits for a receipt by polling), and decoding a large block per poll would cost
/// far more than holding it. Oldest out first; thread-safe.
/// </summary>
internal sealed class RecentBlocks(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Hash32, (Block Block, IReadOnlyList<Receipt> Receipts)> _byHash = [];
    private readonly Dictionary<ulong, Hash32> _byNumber = [];
    private readonly Queue<Hash32> _order = new();

    public void Add(Block block, IReadOnlyList<Receipt> receipts)
    {
        var hash = block.Header.Hash;
        lock (_gate)
        {
            if (!_byHash.TryAdd(hash, (block, receipts)))
            {
                return;
            }

            _byNumber[block.Header.Number] = hash;
            _order.Enqueue(hash);
            while (_order.Count > capacity)
            {
                var old = _order.Dequeue();
                if (_byHash.Remove(old, out var evicted) && _byNumber.GetValueOrDefault(evicted.Block.Header.Number) == old)
                {
                    _byNumber.Remove(evicted.Block.Header.Number);
                }
            }
        }
    }

    public bool TryGet(Hash32 hash, out Block block, out IReadOnlyList<Receipt> receipts)
    {
        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var entry))
            {
                (block, receipts) = entry;
                return true;
            }
        }

        block = null!;
        receipts = null!;
        return false;
    }

    public bool TryGet(ulong number, out Block block, out IReadOnlyList<Receipt> receipts)
    {
        lock (_gate)
        {
            if (_byNumber.TryGetValue(number, out var hash) && _byHash.TryGetValue(hash, out var entry))
            {
                (block, receipts) = entry;
                return true;
            }
        }

        block = null!;
        receipts = null!;
        return false;
    }
}
