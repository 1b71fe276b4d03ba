using System.Text;

namespace Ledger.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IKeyValueStore"/> must have. Each engine's test class derives from this and
/// supplies a fresh, empty store; the same facts then run against every engine.
/// </summary>
public abstract class KeyValueStoreContract : IDisposable
{
    private readonly List<IKeyValueStore> _stores = [];

    protected abstract IKeyValueStore CreateEmptyStore();

    protected IKeyValueStore NewStore()
    {
        var store = CreateEmptyStore();
        _stores.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    protected static void Put(IKeyValueStore store, Column column, byte[] key, byte[] value, bool sync = false)
    {
        using var batch = store.CreateBatch();
        batch.Put(column, key, value);
        store.Write(batch, sync);
    }

    [Fact]
    public void Missing_key_reads_as_null()
    {
        var store = NewStore();
        Assert.Null(store.Get(Column.State, B("nope")));
        Assert.False(store.Contains(Column.State, B("nope")));
    }

    [Fact]
    public void Put_then_get_returns_the_value_and_overwrite_replaces_it()
    {
        var store = NewStore();
        Put(store, Column.State, B("k"), B("v1"));
        Assert.Equal(B("v1"), store.Get(Column.State, B("k")));
        Assert.True(store.Contains(Column.State, B("k")));

        Put(store, Column.State, B("k"), B("v2"), sync: true);
        Assert.Equal(B("v2"), store.Get(Column.State, B("k")));
    }

    [Fact]
    public void Delete_removes_the_key_and_deleting_a_missing_key_is_harmless()
    {
        var store = NewStore();
        Put(store, Column.Meta, B("head"), B("1"));
        using var batch = store.CreateBatch();
        batch.Delete(Column.Meta, B("head"));
        batch.Delete(Column.Meta, B("never-written"));
        store.Write(batch, sync: false);

        Assert.Null(store.Get(Column.Meta, B("head")));
        Assert.False(store.Contains(Column.Meta, B("never-written")));
    }

    [Fact]
    public void Batch_is_invisible_until_written_and_then_fully_visible()
    {
        var store = NewStore();
        using var batch = store.CreateBatch();
        for (var i = 0; i < 50; i++)
        {
            batch.Put((Column)(i % 7), B($"key{i}"), B($"value{i}"));
        }

        Assert.Equal(50, batch.Count);
        Assert.Null(store.Get(Column.Blocks, B("key0")));

        store.Write(batch, sync: true);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(B($"value{i}"), store.Get((Column)(i % 7), B($"key{i}")));
        }
    }

    [Fact]
    public void Later_operations_in_a_batch_win_over_earlier_ones()
    {
        var store = NewStore();
        using var batch = store.CreateBatch();
        batch.Put(Column.State, B("a"), B("1"));
        batch.Delete(Column.State, B("a"));
        batch.Put(Column.State, B("b"), B("1"));
        batch.Put(Column.State, B("b"), B("2"));
        store.Write(batch, sync: false);

        Assert.Null(store.Get(Column.State, B("a")));
        Assert.Equal(B("2"), store.Get(Column.State, B("b")));
    }

    [Fact]
    public void Columns_are_isolated_from_each_other()
    {
        var store = NewStore();
        foreach (var column in Enum.GetValues<Column>())
        {
            Put(store, column, B("same-key"), B(column.ToString()));
        }

        foreach (var column in Enum.GetValues<Column>())
        {
            Assert.Equal(B(column.ToString()), store.Get(column, B("same-key")));
            Assert.Single(store.Iterate(column, B("same")));
        }

        using var batch = store.CreateBatch();
        batch.Delete(Column.Blocks, B("same-key"));
        store.Write(batch, sync: false);
        Assert.Null(store.Get(Column.Blocks, B("same-key")));
        Assert.Equal(B("Headers"), store.Get(Column.Headers, B("same-key")));
    }

    [Fact]
    public void Prefix_iteration_returns_only_matching_keys_in_unsigned_byte_order()
    {
        var store = NewStore();
        using var batch = store.CreateBatch();
        byte[][] inside = [[0x10], [0x10, 0x00], [0x10, 0x01], [0x10, 0x7F], [0x10, 0x80], [0x10, 0xFF], [0x10, 0xFF, 0xFF]];
        byte[][] outside = [[0x0F], [0x0F, 0xFF], [0x11], [0x11, 0x00], [0x00], [0xFF]];
        foreach (var key in inside.Reverse().Concat(outside))
        {
            batch.Put(Column.State, key, [key.Length > 1 ? key[1] : (byte)0]);
        }

        store.Write(batch, sync: false);

        var keys = store.Iterate(Column.State, [0x10]).Select(e => e.Key).ToArray();
        Assert.Equal(inside, keys);
        var all = store.Iterate(Column.State, []).Select(e => e.Key).ToArray();
        Assert.Equal(inside.Length + outside.Length, all.Length);
        Assert.Equal(all.OrderBy(k => Convert.ToHexString(k), StringComparer.Ordinal), all);
    }

    [Fact]
    public void Iteration_from_a_start_key_seeks_inside_the_prefix_and_stops_at_its_end()
    {
        var store = NewStore();
        using (var batch = store.CreateBatch())
        {
            for (var i = 0; i < 600; i++)
            {
                batch.Put(Column.AccountIndex, [0x61, (byte)(i >> 8), (byte)i], [(byte)i]);
            }

            batch.Put(Column.AccountIndex, [0x62, 0x00], [0xEE]);
            batch.Put(Column.AccountIndex, [0x60, 0xFF], [0xEE]);
            store.Write(batch, sync: false);
        }

        // From a key in the middle (one that exists, then one between two keys), past a chunk boundary, to the prefix's end.
        var fromExisting = store.Iterate(Column.AccountIndex, [0x61], [0x61, 0x00, 0x64]).Select(e => e.Key[2] + (e.Key[1] << 8)).ToArray();
        var fromBetween = store.Iterate(Column.AccountIndex, [0x61], [0x61, 0x00, 0x64, 0x00]).Select(e => e.Key[2] + (e.Key[1] << 8)).ToArray();
        Assert.Equal(Enumerable.Range(100, 500), fromExisting);
        Assert.Equal(Enumerable.Range(101, 499), fromBetween);
        // A start before the prefix starts at the prefix; one after every key of the prefix gives nothing.
        Assert.Equal(600, store.Iterate(Column.AccountIndex, [0x61], [0x10]).Count());
        Assert.Empty(store.Iterate(Column.AccountIndex, [0x61], [0x61, 0xFF]));
        // Stopping early is allowed (a page reader takes what it needs).
        Assert.Equal([0, 1, 2], store.Iterate(Column.AccountIndex, [0x61], [0x61]).Take(3).Select(e => (int)e.Value[0]));
    }

    [Fact]
    public void Prefix_iteration_of_an_absent_prefix_is_empty_and_values_come_with_keys()
    {
        var store = NewStore();
        Put(store, Column.TxIndex, B("tx:1"), B("one"));
        Put(store, Column.TxIndex, B("tx:2"), B("two"));

        Assert.Empty(store.Iterate(Column.TxIndex, B("rx:")));
        Assert.Empty(store.Iterate(Column.TxIndex, B("tx:1:longer")));
        var entries = store.Iterate(Column.TxIndex, B("tx:")).ToArray();
        Assert.Equal([B("one"), B("two")], entries.Select(e => e.Value));
    }

    [Fact]
    public void Empty_values_are_stored_and_distinct_from_missing()
    {
        var store = NewStore();
        Put(store, Column.Meta, B("empty"), []);

        Assert.True(store.Contains(Column.Meta, B("empty")));
        Assert.Equal([], store.Get(Column.Meta, B("empty"))!);
        Assert.Equal([], Assert.Single(store.Iterate(Column.Meta, B("empty"))).Value);
    }

    [Fact]
    public void Large_values_round_trip_byte_for_byte()
    {
        var store = NewStore();
        var value = new byte[8 * 1024 * 1024 + 3];
        new Random(42).NextBytes(value);
        Put(store, Column.Blocks, B("big"), value, sync: true);

        Assert.Equal(value, store.Get(Column.Blocks, B("big")));
    }

    [Fact]
    public void Many_keys_are_all_readable_and_iterate_in_order()
    {
        var store = NewStore();
        const int count = 20_000;
        using (var batch = store.CreateBatch())
        {
            var order = Enumerable.Range(0, count).OrderBy(i => (i * 7919) % count).ToArray();
            foreach (var i in order)
            {
                var key = new byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(key, i);
                batch.Put(Column.State, key, BitConverter.GetBytes(i));
            }

            store.Write(batch, sync: false);
        }

        var seen = 0;
        foreach (var (key, value) in store.Iterate(Column.State, []))
        {
            Assert.Equal(seen, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(key));
            Assert.Equal(seen, BitConverter.ToInt32(value));
            seen++;
        }

        Assert.Equal(count, seen);
    }

    [Fact]
    public void Returned_arrays_do_not_alias_stored_bytes()
    {
        var store = NewStore();
        Put(store, Column.State, B("k"), B("value"));
        var first = store.Get(Column.State, B("k"))!;
        first[0] = (byte)'X';

        Assert.Equal(B("value"), store.Get(Column.State, B("k")));
    }

    [Fact]
    public void A_batch_from_another_store_is_refused()
    {
        var store = NewStore();
        var other = NewStore();
        using var batch = other.CreateBatch();
        batch.Put(Column.State, B("k"), B("v"));

        Assert.Throws<ArgumentException>(() => store.Write(batch, sync: false));
        Assert.Null(store.Get(Column.State, B("k")));
    }

    [Fact]
    public async Task Concurrent_batches_never_expose_a_partial_batch()
    {
        var store = NewStore();
        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 300; round++)
            {
                using var batch = store.CreateBatch();
                batch.Put(Column.State, B("a"), BitConverter.GetBytes(round));
                batch.Put(Column.State, B("b"), BitConverter.GetBytes(round));
                store.Write(batch, sync: false);
            }
        });

        var torn = 0;
        while (!writer.IsCompleted)
        {
            var pair = store.Iterate(Column.State, []).ToArray();
            // Both engines iterate a consistent view (memory: copy under the lock; RocksDB: the iterator's implicit
            // snapshot), and a batch lands whole, so a and b always carry the same round.
            if (pair.Length == 2 && !pair[0].Value.SequenceEqual(pair[1].Value))
            {
                torn++;
            }
        }

        await writer;
        Assert.Equal(0, torn);
        Assert.Equal(BitConverter.GetBytes(299), store.Get(Column.State, B("a")));
    }

    [Fact]
    public void Using_a_disposed_store_throws_and_dispose_is_idempotent()
    {
        var store = CreateEmptyStore();
        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Get(Column.State, B("k")));
        Assert.Throws<ObjectDisposedException>(() => store.CreateBatch());
    }
}
