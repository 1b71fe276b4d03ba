using Ledger.Core.Primitives;

namespace Ledger.JsonRpc;

/// <summary>
/// One address of an eth_call / eth_estimateGas state override (geth's third parameter), reduced to what maps
/// onto Ledger: the account's <see cref="Nonce"/>, and for a module address its storage, either replaced whole
/// (<see cref="State"/>: every key not listed reads as absent) or patched key by key (<see cref="StateDiff"/>).
/// Keys and values are the module's own storage keys and values; a null value deletes the key.
/// </summary>
public sealed record AccountOverride(
    Address Address,
    ulong? Nonce,
    IReadOnlyList<KeyValuePair<byte[], byte[]?>>? State,
    IReadOnlyList<KeyValuePair<byte[], byte[]?>>? StateDiff);
