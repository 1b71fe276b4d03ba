using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// A committed state with a simulation's overrides on top (eth_call state overrides): individual keys set or
/// deleted, whole namespaces replaced (keys not set read as absent) and account nonces. Built once per call and
/// only read afterwards; the committed state underneath is never changed.
/// </summary>
public sealed class OverriddenStateView : IStateView
{
    private readonly IStateView _inner;
    private readonly HashSet<Address> _replaced = [];
    private readonly Dictionary<byte[], byte[]?> _values = new(ByteArrayComparer.Instance);

    public OverriddenStateView(IStateView inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <summary>Replaces <paramref name="ns"/>'s whole storage: only keys given through <see cref="Set"/> exist in it.</summary>
    public void ReplaceNamespace(Address ns) => _replaced.Add(ns);

    /// <summary>Sets (or with null deletes) one key.</summary>
    public void Set(Address ns, ReadOnlySpan<byte> key, byte[]? value)
    {
        if (key.IsEmpty || key.Length > StateKeys.MaxKeyLength)
        {
            throw new ArgumentException($"a storage key is 1 to {StateKeys.MaxKeyLength} bytes", nameof(key));
        }

        _values[StateKeys.Composite(ns, key)] = value is { Length: > 0 } ? value.ToArray() : null;
    }

    /// <summary>Sets the account's next nonce.</summary>
    public void SetNonce(Address account, ulong nonce)
    {
        Span<byte> key = stackalloc byte[Address.Length];
        StateKeys.WriteNonceKey(account, key);
        Set(Address.Zero, key, StateKeys.EncodeNonce(nonce));
    }

    public byte[]? Get(Address ns, ReadOnlySpan<byte> key)
    {
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();
        var length = StateKeys.CompositeLength(key);
        var composite = length <= StateKeys.StackLimit ? stackalloc byte[length] : new byte[length];
        StateKeys.WriteComposite(ns, key, composite);
        if (lookup.TryGetValue(composite, out var value))
        {
            return value?.ToArray();
        }

        return _replaced.Contains(ns) ? null : _inner.Get(ns, key);
    }

    public ulong GetNonce(Address account) => StateKeys.ReadNonce(this, account);
}
