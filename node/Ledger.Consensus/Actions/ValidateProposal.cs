using Ledger.Core.Chain;

namespace Ledger.Consensus.Actions;

/// <summary>Execute/check a proposed block and answer with <see cref="Inputs.ProposalValidated"/>.</summary>
public sealed record ValidateProposal(ulong Height, uint Round, Block Block) : ConsensusAction;
