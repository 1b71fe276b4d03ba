using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Contracts.Validators;

/// <summary>
/// Reads the consortium's member node allowlist (nodes that may peer and sync without voting) from the
/// <see cref="ValidatorsModule"/>'s storage. Genesis <c>members</c> are written to state at block 0 (so the genesis state
/// root commits to them); votes replace the stored list. A chain whose genesis lists none and that never voted one in
/// has no entry: the list is empty, and its state root is what it was before member nodes existed.
/// </summary>
public sealed class MemberAllowlist
{
    internal const byte CurrentTag = 0x05;

    private readonly Address _module;

    public MemberAllowlist(Address module) => _module = module;

    /// <summary>The allowlist of a genesis with a Validators module, or null when it has none (no member can be admitted).</summary>
    public static MemberAllowlist? FromGenesis(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return genesis.Modules.TryGetValue(ValidatorsModule.ModuleName, out var address) ? new MemberAllowlist(address) : null;
    }

    public Address Module => _module;

    /// <summary>The member nodes admitted as of <paramref name="state"/> (a change in block N is read from N's state on).</summary>
    public IReadOnlyList<MemberConfig> Current(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Current(key => state.Get(_module, key));
    }

    public bool Contains(IStateView state, Address node) => Current(state).Any(m => m.Address == node);

    internal static IReadOnlyList<MemberConfig> Current(Func<byte[], byte[]?> read) =>
        read([CurrentTag]) is { } stored ? MemberListCodec.Decode(stored) : [];
}
