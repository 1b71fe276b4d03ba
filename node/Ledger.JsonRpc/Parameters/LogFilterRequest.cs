using Ledger.Core.Primitives;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// An eth_getLogs filter as sent, before its block tags are resolved against the head. The address and topic
/// criteria are compiled once here, so an installed filter polled for hours never re-hashes them.
/// </summary>
public sealed record LogFilterRequest(BlockParameter? FromBlock, BlockParameter? ToBlock, Hash32? BlockHash, LogCriteria Criteria)
{
    public IReadOnlyList<Address> Addresses => Criteria.Addresses;

    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics => Criteria.Topics;
}
