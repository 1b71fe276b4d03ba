using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.Storage.Memory;

namespace Ledger.JsonRpc.Tests.Proofs;

/// <summary>A real world state over the in-memory store with token balances committed block by block.</summary>
public sealed class ProvenWorld : IDisposable
{
    private readonly MemoryKeyValueStore _store = new();
    private ulong _number;

    public ProvenWorld()
    {
        World = WorldState.Load(_store, 0);
    }

    public WorldState World { get; }

    /// <summary>The balance key of a DepositToken: 0x01 ‖ account.</summary>
    public static byte[] BalanceKey(Address account)
    {
        var key = new byte[21];
        key[0] = 0x01;
        account.WriteTo(key.AsSpan(1));
        return key;
    }

    /// <summary>Commits one block setting these balances (0 deletes), plus filler entries so buckets are shared.</summary>
    public void Commit(Address token, params (Address Account, ulong Balance)[] balances)
    {
        var changes = new List<StateChange>();
        foreach (var (account, balance) in balances)
        {
            changes.Add(new StateChange(token, BalanceKey(account), balance == 0 ? null : UInt256Bytes(balance)));
        }

        var set = StateChangeSet.FromUnordered(changes);
        var update = World.Head.PrepareStateRoot(set);
        using var batch = _store.CreateBatch();
        World.Commit(++_number, set, update, update.Root, batch, () => _store.Write(batch, sync: true));
    }

    public void Dispose() => _store.Dispose();

    private static byte[] UInt256Bytes(ulong value)
    {
        var bytes = BitConverter.GetBytes(value);
        Array.Reverse(bytes);
        return bytes.AsSpan(Array.FindIndex(bytes, b => b != 0)).ToArray();
    }
}
