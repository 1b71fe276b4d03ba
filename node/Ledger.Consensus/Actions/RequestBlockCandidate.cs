using Ledger.Core.Primitives;

namespace Ledger.Consensus.Actions;

/// <summary>This node proposes (height, round): build a block on the parent and answer with <see cref="Inputs.BlockCandidateReady"/>.</summary>
public sealed record RequestBlockCandidate(ulong Height, uint Round, Hash32 ParentHash) : ConsensusAction;
