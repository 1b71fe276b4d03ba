using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// A block header. Its hash is Keccak-256 of the RLP encoding of every field except <see cref="Round"/>,
/// so the hash is stable across consensus rounds (as in QBFT); the round lives in the certificate too.
/// </summary>
public sealed record BlockHeader
{
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

    /// <summary>The 256-byte Ethereum logs bloom of every log in the block.</summary>
    public required byte[] LogsBloom { get; init; }
}
