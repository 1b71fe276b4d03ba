using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>The state before genesis: nothing stored, every nonce 0.</summary>
public sealed class EmptyStateView : IStateView
{
    public static readonly EmptyStateView Instance = new();

    public byte[]? Get(Address ns, ReadOnlySpan<byte> key) => null;

    public ulong GetNonce(Address account) => 0;
}
