using System.Collections.Concurrent;

namespace Ledger.Execution.State;

/// <summary>
/// The head state's bucket entries, kept in memory for the state-root path (<see cref="WorldState"/>'s Prepare and
/// Commit only). Without it every dirty bucket is re-read from RocksDB each block, and the entries per bucket grow
/// with the state (3,000,000 entries ≈ 46 per bucket), so the state root of the same block cost 2.5× more at
/// 1,000,000 accounts than at 1,000 (docs/PERFORMANCE.md, "State size"). Busy accounts dirty the same buckets block
/// after block, so their entries are served from here.
/// Correctness rests on two rules, both kept by WorldState under its commit lock: a bucket is cached only as it is
/// on disk at the head (read on a miss, or the merged entries of a committed update after its batch was written), and
/// a commit replaces the entries of every bucket it changed. A failed write changes nothing here. Bounded by
/// <see cref="MaxEntries"/>: past it the cache is emptied (the busy buckets come back within a block), which keeps
/// the bound simple and the memory at most MaxEntries × 64 bytes.
/// </summary>
public sealed class BucketCache : IBucketSource
{
    /// <summary>At most this many entries in all (64 bytes each: 16 MiB).</summary>
    public const int MaxEntries = 1 << 18;

    private readonly IBucketSource _disk;
    private readonly ConcurrentDictionary<int, BucketEntry[]> _buckets = new();
    private readonly Lock _putGate = new();
    private int _entries;

    public BucketCache(IBucketSource disk)
    {
        _disk = disk;
    }

    /// <summary>Entries cached now (for tests and the bound).</summary>
    public int Entries => Volatile.Read(ref _entries);

    /// <summary>Called concurrently for different buckets (StateTree.Prepare), never while a commit updates the cache.</summary>
    public void ReadEntries(int bucket, List<BucketEntry> into)
    {
        if (_buckets.TryGetValue(bucket, out var cached))
        {
            into.AddRange(cached);
            return;
        }

        var start = into.Count;
        _disk.ReadEntries(bucket, into);
        Put(bucket, into.GetRange(start, into.Count - start).ToArray());
    }

    /// <summary>After a commit's batch is on disk: the buckets it changed now hold exactly these entries.</summary>
    public void Apply(IReadOnlyDictionary<int, BucketEntry[]> merged)
    {
        foreach (var (bucket, entries) in merged)
        {
            Put(bucket, entries);
        }
    }

    private void Put(int bucket, BucketEntry[] entries)
    {
        if (entries.Length > MaxEntries)
        {
            return;
        }

        // Puts are rare next to reads (a miss, or a commit's dirty buckets) and run in parallel only on misses; one
        // lock keeps the count exact. Readers never take it: a bucket's array is replaced whole, never changed.
        lock (_putGate)
        {
            var old = _buckets.TryGetValue(bucket, out var cached) ? cached.Length : 0;
            if (_entries - old + entries.Length > MaxEntries)
            {
                _buckets.Clear();
                old = 0;
                _entries = 0;
            }

            _buckets[bucket] = entries;
            _entries += entries.Length - old;
        }
    }
}
