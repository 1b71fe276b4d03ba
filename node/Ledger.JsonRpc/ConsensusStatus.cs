using Ledger.Core.Primitives;

namespace Ledger.JsonRpc;

/// <summary>
/// Where consensus stands on this node (ledger_consensusStatus): the height and round being decided, who proposes
/// in it, the validator set, the connected peers and the current round's timeout.
/// </summary>
public sealed record ConsensusStatus(
    ulong Height, uint Round, Address Proposer, IReadOnlyList<Address> Validators, IReadOnlyList<Address> Peers, int RoundTimeoutMs);
