using System.Runtime.CompilerServices;
using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// A block header. Its hash is Keccak-256 of the RLP encoding of every field except <see cref="Round"/>,
/// so the hash is stable across consensus rounds (as in QBFT); the round lives in the certificate too.
/// </summary>
public sealed record BlockHeader
{
    // Boxed so that publishing the cached value is one atomic reference write (Hash32 is 32 bytes and could tear).
    private StrongBox<Hash32>? _hash;

    public BlockHeader()
    {
    }

    // `with` goes through this copy constructor: copy every field except the cached hash, which may be stale
    // for the copy (for example `header with { StateRoot = ... }`).
    private BlockHeader(BlockHeader original)
    {
        ParentHash = original.ParentHash;
        Number = original.Number;
        TimestampMs = original.TimestampMs;
        Proposer = original.Proposer;
        Round = original.Round;
        TransactionsRoot = original.TransactionsRoot;
        ReceiptsRoot = original.ReceiptsRoot;
        StateRoot = original.StateRoot;
        ValidatorSetHash = original.ValidatorSetHash;
        GasUsed = original.GasUsed;
        GasLimit = original.GasLimit;
        LogsBloom = original.LogsBloom;
    }

    public required Hash32 ParentHash { get; init; }

    public required ulong Number { get; init; }

    /// <summary>Milliseconds since the Unix epoch, set by the proposer, strictly increasing.</summary>
    public required ulong TimestampMs { get; init; }

    public required Address Proposer { get; init; }

    public required uint Round { get; init; }

    public required Hash32 TransactionsRoot { get; init; }

    public required Hash32 ReceiptsRoot { get; init; }

    public required Hash32 StateRoot { get; init; }

    public required Hash32 ValidatorSetHash { get; init; }

    public required ulong GasUsed { get; init; }

    public required ulong GasLimit { get; init; }

    /// <summary>The 256-byte Ethereum logs bloom of every log in the block. Do not mutate it once hashed.</summary>
    public required byte[] LogsBloom { get; init; }

    /// <summary>The block hash (<see cref="BlockHeaderCodec.ComputeHash"/>), computed on first use and cached.</summary>
    public Hash32 Hash => (_hash ??= new StrongBox<Hash32>(BlockHeaderCodec.ComputeHash(this))).Value;

    // Value equality over the fields (the bloom by content); the cache is not part of the value.
    public bool Equals(BlockHeader? other) =>
        other is not null
        && ParentHash == other.ParentHash
        && Number == other.Number
        && TimestampMs == other.TimestampMs
        && Proposer == other.Proposer
        && Round == other.Round
        && TransactionsRoot == other.TransactionsRoot
        && ReceiptsRoot == other.ReceiptsRoot
        && StateRoot == other.StateRoot
        && ValidatorSetHash == other.ValidatorSetHash
        && GasUsed == other.GasUsed
        && GasLimit == other.GasLimit
        && LogsBloom.AsSpan().SequenceEqual(other.LogsBloom);

    public override int GetHashCode() => HashCode.Combine(ParentHash, Number, StateRoot, Round);
}
