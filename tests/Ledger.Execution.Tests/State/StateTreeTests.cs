using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.Storage.Memory;

namespace Ledger.Execution.Tests.State;

public sealed class StateTreeTests
{
    private static readonly Address Ns = Address.Parse("0x00000000000000000000000000000000000c0001");

    private static StateChange Put(string key, string value) => new(Ns, System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(value));

    private static Hash32 RootOf(IEnumerable<StateChange> changes) =>
        new StateTree().Prepare(StateChangeSet.FromUnordered(changes), EmptyBucketSource.Instance).Root;

    [Fact]
    public void Same_changes_in_a_different_insertion_order_give_the_same_root()
    {
        var changes = Enumerable.Range(0, 500).Select(i => Put($"key{i}", $"value{i}")).ToList();
        var shuffled = changes.OrderBy(c => Keccak(c.Key)).ToList();

        Assert.Equal(RootOf(changes), RootOf(shuffled));
    }

    [Fact]
    public void A_different_value_gives_a_different_root()
    {
        Assert.NotEqual(RootOf([Put("a", "1"), Put("b", "2")]), RootOf([Put("a", "1"), Put("b", "3")]));
    }

    [Fact]
    public void Empty_state_has_the_zero_root_and_any_entry_changes_it()
    {
        Assert.Equal(Hash32.Zero, new StateTree().Root);
        Assert.NotEqual(Hash32.Zero, RootOf([Put("a", "1")]));
    }

    [Fact]
    public void Incremental_updates_over_committed_blocks_equal_a_rebuild_from_scratch()
    {
        using var store = new MemoryKeyValueStore();
        var world = WorldState.Load(store, 0);
        var final = new Dictionary<string, string?>();
        for (var block = 1; block <= 4; block++)
        {
            var changes = new List<StateChange>();
            for (var i = 0; i < 300; i++)
            {
                var key = $"k{(i * 7 * block) % 450}";
                if (changes.Any(c => c.Key.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(key))))
                {
                    continue;
                }

                var delete = block > 1 && i % 5 == 0;
                changes.Add(delete ? new StateChange(Ns, System.Text.Encoding.UTF8.GetBytes(key), null) : Put(key, $"v{block}-{i}"));
                final[key] = delete ? null : $"v{block}-{i}";
            }

            var set = StateChangeSet.FromUnordered(changes);
            var update = world.Head.PrepareStateRoot(set);
            using var batch = store.CreateBatch();
            world.Commit((ulong)block, set, update, update.Root, batch, () => store.Write(batch, sync: true));
        }

        var expected = RootOf(final.Where(kv => kv.Value is not null).Select(kv => Put(kv.Key, kv.Value!)));
        Assert.Equal(expected, world.Tree.Root);
        Assert.Equal(expected, WorldState.Load(store, 4).Tree.Root); // reloaded from the persisted bucket hashes
    }

    [Fact]
    public void Deleting_every_entry_returns_to_the_empty_root()
    {
        using var store = new MemoryKeyValueStore();
        var world = WorldState.Load(store, 0);
        Commit(world, store, 1, [Put("a", "1"), Put("b", "2")]);
        Commit(world, store, 2, [new StateChange(Ns, "a"u8.ToArray(), null), new StateChange(Ns, "b"u8.ToArray(), null)]);

        Assert.Equal(Hash32.Zero, world.Tree.Root);
        Assert.Empty(store.Iterate(Storage.Column.State, []));
    }

    [Fact]
    public void A_prepared_update_cannot_be_applied_after_the_tree_moved_on()
    {
        var tree = new StateTree();
        var first = tree.Prepare(StateChangeSet.FromUnordered([Put("a", "1")]), EmptyBucketSource.Instance);
        var second = tree.Prepare(StateChangeSet.FromUnordered([Put("b", "1")]), EmptyBucketSource.Instance);
        tree.Apply(first);

        Assert.Throws<InvalidOperationException>(() => tree.Apply(second));
    }

    [Fact]
    public void Siblings_lead_from_a_bucket_hash_to_the_root()
    {
        var tree = new StateTree();
        var changes = StateChangeSet.FromUnordered(Enumerable.Range(0, 50).Select(i => Put($"p{i}", "x")));
        tree.Apply(tree.Prepare(changes, EmptyBucketSource.Instance));
        var bucket = StateKeys.BucketOf(StateKeys.LeafKey(Ns, "p7"u8));

        var node = tree.GetBucketHash(bucket);
        var index = StateTree.BucketCount + bucket;
        foreach (var sibling in tree.GetSiblings(bucket))
        {
            node = (index & 1) == 0 ? StateTree.HashNode(node, sibling) : StateTree.HashNode(sibling, node);
            index >>= 1;
        }

        Assert.Equal(tree.Root, node);
    }

    [Fact]
    public void Two_changes_of_one_key_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StateChangeSet.FromUnordered([Put("a", "1"), Put("a", "2")]));
    }

    private static void Commit(WorldState world, MemoryKeyValueStore store, ulong number, StateChange[] changes)
    {
        var set = StateChangeSet.FromUnordered(changes);
        var update = world.Head.PrepareStateRoot(set);
        using var batch = store.CreateBatch();
        world.Commit(number, set, update, update.Root, batch, () => store.Write(batch, sync: true));
    }

    private static Hash32 Keccak(byte[] bytes) => Core.Crypto.Keccak256.Hash(bytes);
}
