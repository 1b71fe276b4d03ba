using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Consensus.Persistence;

/// <summary>
/// What a validator must remember across a restart so it never contradicts itself: the round of its latest vote,
/// what it sent in that round (it only ever votes in its current round, and rounds only grow, so earlier rounds
/// cannot be voted in again), and its prepared block with the PREPARE quorum proving it (its ROUND-CHANGEs must
/// keep carrying that, or a block final elsewhere could be replaced).
/// </summary>
public sealed record LockState
{
    public required ulong Height { get; init; }

    public required uint Round { get; init; }

    public Hash32? SentProposal { get; init; }

    public Hash32? SentPrepare { get; init; }

    public Hash32? SentCommit { get; init; }

    public uint? PreparedRound { get; init; }

    public Block? PreparedBlock { get; init; }

    public IReadOnlyList<PrepareMessage> PreparedCertificate { get; init; } = [];
}
