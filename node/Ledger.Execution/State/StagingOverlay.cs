using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// Writes staged on top of a parent view, in the manner of neo's DataCache: reads fall through to the parent
/// for keys not written here; <see cref="MergeInto"/> folds the writes into the parent overlay (a transaction
/// or nested call that succeeded) and dropping the overlay discards them (a revert). Not thread-safe: one
/// overlay belongs to one executing block.
/// </summary>
public sealed class StagingOverlay : IStateView
{
    // Composite key ns ‖ key → value; null marks a delete that hides the parent's value.
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], byte[]?>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly IStateView _parent;

    public StagingOverlay(IStateView parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
        _lookup = _writes.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public IStateView Parent => _parent;

    /// <summary>Number of keys written (or deleted) in this overlay.</summary>
    public int Count => _writes.Count;

    public byte[]? Get(Address ns, ReadOnlySpan<byte> key)
    {
        var length = StateKeys.CompositeLength(key);
        var composite = length <= StateKeys.StackLimit ? stackalloc byte[length] : new byte[length];
        StateKeys.WriteComposite(ns, key, composite);
        if (_lookup.TryGetValue(composite, out var value))
        {
            // A copy: callers may mutate what they get, and this array must stay as it was staged.
            return value?.ToArray();
        }

        return _parent.Get(ns, key);
    }

    public ulong GetNonce(Address account) => StateKeys.ReadNonce(this, account);

    /// <summary>Stages a write; an empty <paramref name="value"/> deletes the key.</summary>
    public void Set(Address ns, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var length = StateKeys.CompositeLength(key);
        var composite = length <= StateKeys.StackLimit ? stackalloc byte[length] : new byte[length];
        StateKeys.WriteComposite(ns, key, composite);
        _lookup[composite] = value.IsEmpty ? null : value.ToArray();
    }

    public void Delete(Address ns, ReadOnlySpan<byte> key) => Set(ns, key, []);

    public void SetNonce(Address account, ulong nonce)
    {
        Span<byte> key = stackalloc byte[Address.Length];
        StateKeys.WriteNonceKey(account, key);
        Set(Address.Zero, key, StateKeys.EncodeNonce(nonce));
    }

    /// <summary>Folds every staged write into <paramref name="target"/> (which must be this overlay's parent) and empties this one.</summary>
    public void MergeInto(StagingOverlay target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!ReferenceEquals(target, _parent))
        {
            throw new InvalidOperationException("an overlay merges only into its own parent");
        }

        foreach (var (key, value) in _writes)
        {
            target._writes[key] = value;
        }

        _writes.Clear();
    }

    /// <summary>Drops every staged write (a revert).</summary>
    public void Clear() => _writes.Clear();

    /// <summary>
    /// The staged writes as a canonical change set. A delete of a key the parent does not hold is a no-op
    /// and is left out, so the set (and the state root) depends only on the resulting state.
    /// </summary>
    public StateChangeSet ToChangeSet()
    {
        var changes = new List<StateChange>(_writes.Count);
        foreach (var (composite, value) in _writes)
        {
            var ns = new Address(composite.AsSpan(0, Address.Length));
            var key = composite[Address.Length..];
            if (value is null && _parent.Get(ns, key) is null)
            {
                continue;
            }

            changes.Add(new StateChange(ns, key, value));
        }

        return StateChangeSet.FromUnordered(changes);
    }
}
