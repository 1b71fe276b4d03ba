using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.Storage.Rocks;

namespace Ledger.Benchmarks;

/// <summary>
/// The state-size curve of issue 15 without a node: fills a RocksDB-backed <see cref="WorldState"/> with N accounts
/// (three entries each, as a registered and funded account has: identity record, token balance, nonce), then commits
/// blocks of transfer-shaped write sets (sender nonce, sender balance, recipient balance) among a fixed set of active
/// accounts (default 1,000, as the load generator's run: the same work on a bigger state) and times
/// the state root (<see cref="IStateRootSource.PrepareStateRoot"/>) and the synced commit separately. Every dirty
/// bucket is re-read from disk, so this shows how the per-block cost grows with the entries per bucket.
/// Run: <c>dotnet run -c Release --project bench/Ledger.Benchmarks -- state-root [accounts,...] [transfers per block] [blocks] [active accounts]</c>.
/// </summary>
public static class StateRootMeasurements
{
    private const int EntriesPerAccount = 3;
    private const int FillChunk = 300_000;
    private static readonly Address Identity = Address.Parse("0x1000000000000000000000000000000000000001");
    private static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");

    public static int Run(string[] args)
    {
        var sizes = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1_000, 100_000, 1_000_000];
        var transfers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
        var blocks = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var active = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1_000;
        Console.WriteLine("accounts | state entries | entries per bucket | fill s | dirty buckets per block | state root ms (wall / cpu) | commit ms (wall / cpu)");
        foreach (var accounts in sizes)
        {
            Measure(accounts, Math.Min(active, accounts), transfers, blocks);
        }

        return 0;
    }

    private static void Measure(int accounts, int active, int transfers, int blocks)
    {
        var dir = Directory.CreateTempSubdirectory("ledger-stateroot-");
        try
        {
            using var store = RocksDbKeyValueStore.Open(dir.FullName);
            var world = WorldState.Load(store, 0);
            var number = 0UL;
            var fill = Stopwatch.StartNew();
            for (var first = 0; first < accounts; first += FillChunk / EntriesPerAccount)
            {
                var last = Math.Min(accounts, first + (FillChunk / EntriesPerAccount));
                var changes = new List<StateChange>();
                for (var a = first; a < last; a++)
                {
                    var account = AccountKey(a);
                    changes.Add(new StateChange(Identity, account, Value(a, 96)));
                    changes.Add(new StateChange(Token, account, Value(a, 32)));
                    changes.Add(new StateChange(Address.Zero, account, Value(a, 8)));
                }

                Commit(store, world, ++number, StateChangeSet.FromUnordered(changes), sync: false);
            }

            fill.Stop();
            var random = new Random(15);
            double rootWall = 0, rootCpu = 0, commitWall = 0, commitCpu = 0, dirty = 0;
            for (var b = 0; b < blocks; b++)
            {
                var writes = new Dictionary<(Address, int), StateChange>();
                for (var t = 0; t < transfers; t++)
                {
                    var (from, to) = (random.Next(active), random.Next(active));
                    writes[(Address.Zero, from)] = new StateChange(Address.Zero, AccountKey(from), Value(from + b + 1, 8));
                    writes[(Token, from)] = new StateChange(Token, AccountKey(from), Value(from + b + 2, 32));
                    writes[(Token, to)] = new StateChange(Token, AccountKey(to), Value(to + b + 3, 32));
                }

                var set = StateChangeSet.FromUnordered(writes.Values);
                var (cpu0, wall0) = (Cpu(), Stopwatch.GetTimestamp());
                var update = world.Head.PrepareStateRoot(set);
                var (cpu1, wall1) = (Cpu(), Stopwatch.GetTimestamp());
                Commit(store, world, ++number, set, sync: true, update);
                var (cpu2, wall2) = (Cpu(), Stopwatch.GetTimestamp());
                rootWall += Stopwatch.GetElapsedTime(wall0, wall1).TotalMilliseconds;
                commitWall += Stopwatch.GetElapsedTime(wall1, wall2).TotalMilliseconds;
                rootCpu += (cpu1 - cpu0).TotalMilliseconds;
                commitCpu += (cpu2 - cpu1).TotalMilliseconds;
                dirty += update.ChangedNodes.Keys.Count(k => k >= StateTree.BucketCount);
            }

            var entries = (long)accounts * EntriesPerAccount;
            Console.WriteLine(FormattableString.Invariant(
                $"{accounts,9:N0} | {entries,13:N0} | {entries / (double)StateTree.BucketCount,18:F2} | {fill.Elapsed.TotalSeconds,6:F1} | {dirty / blocks,23:N0} | {rootWall / blocks,8:F1} / {rootCpu / blocks,8:F1} | {commitWall / blocks,8:F1} / {commitCpu / blocks,8:F1}"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Commit(RocksDbKeyValueStore store, WorldState world, ulong number, StateChangeSet changes, bool sync, StateTreeUpdate? prepared = null)
    {
        prepared ??= world.Head.PrepareStateRoot(changes);
        using var batch = store.CreateBatch();
        world.Commit(number, changes, prepared, prepared.Root, batch, () => store.Write(batch, sync));
    }

    private static byte[] AccountKey(int account)
    {
        var key = new byte[Address.Length];
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(16), account + 1);
        return key;
    }

    private static byte[] Value(int seed, int length)
    {
        var value = new byte[length];
        BinaryPrimitives.WriteInt32BigEndian(value.AsSpan(length - 4), seed + 1);
        return value;
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
