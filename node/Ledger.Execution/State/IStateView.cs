using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// A read-only view of world state: module storage by (namespace, key) and account nonces (stored in the
/// system namespace <see cref="Address.Zero"/>). A view is consistent: it shows the state after exactly one
/// block (plus, for overlays, the writes staged on top), never a mix of two blocks.
/// </summary>
public interface IStateView
{
    /// <summary>The value under (<paramref name="ns"/>, <paramref name="key"/>), or null if absent. The caller owns the returned array.</summary>
    byte[]? Get(Address ns, ReadOnlySpan<byte> key);

    /// <summary>The account's next nonce (0 for an account that never sent a transaction).</summary>
    ulong GetNonce(Address account);
}
