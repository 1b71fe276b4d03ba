using Ledger.Core.Primitives;

namespace Ledger.Consensus.Inputs;

/// <summary>
/// Begin consensus for <paramref name="Height"/> on top of <paramref name="ParentHash"/> with that height's
/// validators (in order). Sent at start-up and after each stored block; lower heights are ignored.
/// </summary>
public sealed record StartHeight(ulong Height, Hash32 ParentHash, IReadOnlyList<Address> Validators) : ConsensusInput;
