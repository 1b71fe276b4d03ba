using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Parameters;

/// <summary>An eth_getLogs filter as sent, before its block tags are resolved against the head.</summary>
public sealed record LogFilterRequest(
    BlockParameter? FromBlock,
    BlockParameter? ToBlock,
    Hash32? BlockHash,
    IReadOnlyList<Address> Addresses,
    IReadOnlyList<IReadOnlyList<Hash32>?> Topics);
