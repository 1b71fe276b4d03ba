using Ledger.Core.Chain;

namespace Ledger.Consensus.Inputs;

/// <summary>The node built the block asked for by <see cref="Actions.RequestBlockCandidate"/> (already executed, so valid).</summary>
public sealed record BlockCandidateReady(ulong Height, uint Round, Block Block) : ConsensusInput;
