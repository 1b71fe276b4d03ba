using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// Proof that a block is final: seals from at least a quorum (⌈2n/3⌉) of distinct validators of the
/// block's validator set over <c>Keccak(rlp([domain, blockHash, round]))</c>. Stored with each block so
/// anyone can verify finality offline (DESIGN.md §3).
/// </summary>
public sealed record CommitCertificate(Hash32 BlockHash, uint Round, IReadOnlyList<CommitSeal> Seals);
