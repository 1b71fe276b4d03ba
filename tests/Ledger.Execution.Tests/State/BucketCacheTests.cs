using System.Text;
using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.Storage.Memory;

namespace Ledger.Execution.Tests.State;

/// <summary>
/// The head's bucket cache (issue 15, "flat with state size"): the state root served from cached buckets must equal a
/// rebuild from scratch after any sequence of blocks, and the cache must stay within its bound.
/// </summary>
public sealed class BucketCacheTests
{
    private static readonly Address Ns = Address.Parse("0x00000000000000000000000000000000000c0002");

    [Fact]
    public void Roots_of_hundreds_of_random_blocks_over_crowded_buckets_equal_a_rebuild_from_scratch()
    {
        // Keys mined into 64 buckets (about six each) so blocks keep re-dirtying buckets the cache holds, with
        // inserts, updates and deletes; plus keys spread over the whole tree. A reload midway starts a cold cache.
        var crowded = KeysInBuckets(buckets: 64, count: 400);
        var spread = Enumerable.Range(0, 2_000).Select(i => Encoding.UTF8.GetBytes($"spread-{i}")).ToList();
        var keys = crowded.Concat(spread).ToList();
        var random = new Random(15);
        using var store = new MemoryKeyValueStore();
        var world = WorldState.Load(store, 0);
        var model = new Dictionary<string, byte[]>();
        for (var block = 1UL; block <= 300; block++)
        {
            var changes = new Dictionary<string, StateChange>();
            for (var op = 0; op < 40; op++)
            {
                var key = keys[random.Next(random.Next(3) == 0 ? keys.Count : crowded.Count)];
                var name = Convert.ToHexString(key);
                var delete = model.ContainsKey(name) && random.Next(4) == 0;
                changes[name] = new StateChange(Ns, key, delete ? null : Encoding.UTF8.GetBytes($"{block}-{op}"));
            }

            var set = StateChangeSet.FromUnordered(changes.Values);
            var update = world.Head.PrepareStateRoot(set);
            using (var batch = store.CreateBatch())
            {
                world.Commit(block, set, update, update.Root, batch, () => store.Write(batch, sync: true));
            }

            foreach (var (name, change) in changes)
            {
                if (change.Value is null)
                {
                    model.Remove(name);
                }
                else
                {
                    model[name] = change.Value;
                }
            }

            Assert.Equal(RootOf(model), world.Tree.Root);
            if (block == 150)
            {
                world = WorldState.Load(store, block);
            }
        }
    }

    [Fact]
    public void A_bucket_is_read_from_its_source_once_and_then_served_as_a_commit_left_it()
    {
        var source = new CountingSource(entriesPerBucket: 3);
        var cache = new BucketCache(source);

        var first = Read(cache, 7);
        var second = Read(cache, 7);
        Assert.Equal(1, source.Reads);
        Assert.Equal(first, second);

        var committed = new[] { new BucketEntry(Hash(1), Hash(2)) };
        cache.Apply(new Dictionary<int, BucketEntry[]> { [7] = committed });
        Assert.Equal(committed, Read(cache, 7));
        Assert.Equal(1, source.Reads);
        Assert.Equal(1, cache.Entries);
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_bound_and_still_answers_every_read()
    {
        var source = new CountingSource(entriesPerBucket: 100);
        var cache = new BucketCache(source);
        var buckets = (BucketCache.MaxEntries / 100) + 500;
        for (var b = 0; b < buckets; b++)
        {
            Assert.Equal(100, Read(cache, b).Count);
            Assert.InRange(cache.Entries, 100, BucketCache.MaxEntries);
        }

        Assert.Equal(source.Expected(5), Read(cache, 5));
    }

    private static List<BucketEntry> Read(BucketCache cache, int bucket)
    {
        var entries = new List<BucketEntry>();
        cache.ReadEntries(bucket, entries);
        return entries;
    }

    private static Hash32 RootOf(Dictionary<string, byte[]> model) =>
        new StateTree().Prepare(
            StateChangeSet.FromUnordered(model.Select(kv => new StateChange(Ns, Convert.FromHexString(kv.Key), kv.Value))),
            EmptyBucketSource.Instance).Root;

    private static List<byte[]> KeysInBuckets(int buckets, int count)
    {
        var keys = new List<byte[]>(count);
        for (var i = 0; keys.Count < count; i++)
        {
            var key = Encoding.UTF8.GetBytes($"crowded-{i}");
            if (StateKeys.BucketOf(StateKeys.LeafKey(Ns, key)) < buckets)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static Hash32 Hash(int seed)
    {
        var bytes = new byte[Hash32.Length];
        bytes[^1] = (byte)seed;
        bytes[0] = (byte)(seed >> 8);
        return new Hash32(bytes);
    }

    private sealed class CountingSource(int entriesPerBucket) : IBucketSource
    {
        public int Reads { get; private set; }

        public List<BucketEntry> Expected(int bucket) =>
            Enumerable.Range(0, entriesPerBucket).Select(i => new BucketEntry(Hash((bucket * 1000) + i), Hash(i))).ToList();

        public void ReadEntries(int bucket, List<BucketEntry> into)
        {
            Reads++;
            into.AddRange(Expected(bucket));
        }
    }
}
