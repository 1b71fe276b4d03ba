using Ledger.Core.Primitives;

namespace Ledger.Consensus.Inputs;

/// <summary>The executor's verdict on a block asked for by <see cref="Actions.ValidateProposal"/>.</summary>
public sealed record ProposalValidated(ulong Height, Hash32 BlockHash, bool IsValid, string? Reason = null) : ConsensusInput;
