using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>What one node knows and has done in one round of one height. At most one message per sender and kind.</summary>
internal sealed class RoundState(uint round)
{
    public uint Round { get; } = round;

    /// <summary>The first proposal that passed the protocol checks (the executor may still reject its block).</summary>
    public ProposalMessage? Proposal { get; set; }

    public bool ProposalAccepted { get; set; }

    public bool ProposalRejected { get; set; }

    public bool Prepared { get; set; }

    public bool CandidateRequested { get; set; }

    public IReadOnlyList<RoundChangeMessage> CandidateJustification { get; set; } = [];

    public Hash32? SentProposal { get; set; }

    public Hash32? SentPrepare { get; set; }

    public Hash32? SentCommit { get; set; }

    public Dictionary<Address, PrepareMessage> Prepares { get; } = [];

    public Dictionary<Address, CommitMessage> Commits { get; } = [];
}
