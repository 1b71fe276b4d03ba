using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

/// <summary>
/// The state of an eth_call with overrides, remembering the last read the overrides answered (a key they set,
/// or a key a <c>state</c> replacement left absent). When a module then fails, that read names the JSON field
/// the client sent (<see cref="LastOverriddenField"/>), so the client is told which value is malformed.
/// </summary>
internal sealed class OverrideReadTracker : IStateView
{
    private readonly IStateView _inner;
    private readonly Dictionary<Address, (string Field, HashSet<string> Keys)> _accounts = [];

    /// <param name="inner">The state with <paramref name="overrides"/> already applied.</param>
    public OverrideReadTracker(IStateView inner, IReadOnlyList<AccountOverride> overrides)
    {
        _inner = inner;
        foreach (var account in overrides)
        {
            if ((account.State ?? account.StateDiff) is not { } entries)
            {
                continue;
            }

            // Later overrides of the same address are applied later, so they decide what a key reads as.
            var field = account.State is not null ? "state" : "stateDiff";
            var keys = _accounts.TryGetValue(account.Address, out var known) ? known.Keys : new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, _) in entries)
            {
                keys.Add(Convert.ToHexStringLower(key));
            }

            _accounts[account.Address] = (account.State is not null || known.Field == "state" ? "state" : field, keys);
        }
    }

    /// <summary>The field path of the last read the overrides answered, e.g. <c>0xab….stateDiff.0x01cd</c>; null if none.</summary>
    public string? LastOverriddenField { get; private set; }

    public byte[]? Get(Address ns, ReadOnlySpan<byte> key)
    {
        var value = _inner.Get(ns, key);
        if (_accounts.TryGetValue(ns, out var account))
        {
            var hex = Convert.ToHexStringLower(key);
            if (account.Keys.Contains(hex))
            {
                LastOverriddenField = $"{ns}.{account.Field}.0x{hex}";
            }
            else if (account.Field == "state")
            {
                LastOverriddenField = $"{ns}.state";
            }
        }

        return value;
    }

    public ulong GetNonce(Address account) => _inner.GetNonce(account);
}
