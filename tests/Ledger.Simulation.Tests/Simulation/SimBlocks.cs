using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// Deterministic stand-in for block building and execution: a block commits to a payload, and its "state root" is
/// Keccak(parent ‖ payload), which the validator recomputes. <see cref="RealExecution"/> is the real thing (slower).
/// </summary>
internal static class SimBlocks
{
    private static readonly byte[] EmptyBloom = new byte[256];

    public static Block Genesis(IReadOnlyList<Address> validators) =>
        Make(0, Hash32.Zero, Address.Zero, 0, 0, 0, ValidatorSet.ComputeHash(validators), valid: true);

    public static Block Make(
        ulong height, Hash32 parent, Address proposer, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash, bool valid)
    {
        Span<byte> payloadBytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(payloadBytes, payload);
        var txRoot = Keccak256.Hash(payloadBytes);
        var header = new BlockHeader
        {
            ParentHash = parent,
            Number = height,
            TimestampMs = timestampMs,
            Proposer = proposer,
            Round = round,
            TransactionsRoot = txRoot,
            ReceiptsRoot = Keccak256.Hash([]),
            StateRoot = StateRoot(parent, txRoot),
            ValidatorSetHash = validatorSetHash,
            GasUsed = valid ? 0UL : 2UL,
            GasLimit = 1,
            LogsBloom = EmptyBloom,
        };
        return new Block(header, [], null);
    }

    /// <summary>The executor's verdict: extends the head, right validator set, re-executes to the same state root.</summary>
    public static bool IsValid(Block block, Block head, Hash32 validatorSetHash)
    {
        var header = block.Header;
        return header.ParentHash == head.Header.Hash
            && header.Number == head.Header.Number + 1
            && header.ValidatorSetHash == validatorSetHash
            && header.GasUsed <= header.GasLimit
            && block.Transactions.Count == 0
            && header.StateRoot == StateRoot(header.ParentHash, header.TransactionsRoot);
    }

    private static Hash32 StateRoot(Hash32 parent, Hash32 txRoot)
    {
        Span<byte> both = stackalloc byte[64];
        parent.WriteTo(both);
        txRoot.WriteTo(both[32..]);
        return Keccak256.Hash(both);
    }
}
