using Ledger.Core.Primitives;

namespace Ledger.JsonRpc;

/// <summary>
/// A Merkle proof of a token balance for ledger_getProof: the state entry (namespace = the token, key = its
/// balance key), every entry of the entry's bucket, and the 16 siblings up to <see cref="StateRoot"/>,
/// which is the state root of block <see cref="BlockNumber"/> (docs/state.md).
/// </summary>
public sealed record BalanceProof(
    ulong BlockNumber,
    Hash32 BlockHash,
    Hash32 StateRoot,
    Address Namespace,
    byte[] Key,
    byte[]? Value,
    Hash32 LeafKey,
    int Bucket,
    IReadOnlyList<ProofEntry> BucketEntries,
    IReadOnlyList<Hash32> Siblings);
