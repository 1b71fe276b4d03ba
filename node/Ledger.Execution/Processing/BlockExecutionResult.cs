using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Processing;

/// <summary>Everything a block's execution determines: receipts, the write set and the roots its header commits to.</summary>
public sealed class BlockExecutionResult
{
    public required IReadOnlyList<Receipt> Receipts { get; init; }

    public required ulong GasUsed { get; init; }

    public required byte[] LogsBloom { get; init; }

    public required StateChangeSet Changes { get; init; }

    public required Hash32 StateRoot { get; init; }

    public required Hash32 TransactionsRoot { get; init; }

    public required Hash32 ReceiptsRoot { get; init; }

    /// <summary>The state tree update behind <see cref="StateRoot"/>, reused by ChainStore.Commit if the head has not moved.</summary>
    public StateTreeUpdate? TreeUpdate { get; init; }

    /// <summary>The header a producer proposes for this result.</summary>
    public BlockHeader BuildHeader(Hash32 parentHash, BlockContext context, uint round, Hash32 validatorSetHash)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BlockHeader
        {
            ParentHash = parentHash,
            Number = context.Number,
            TimestampMs = context.TimestampMs,
            Proposer = context.Proposer,
            Round = round,
            TransactionsRoot = TransactionsRoot,
            ReceiptsRoot = ReceiptsRoot,
            StateRoot = StateRoot,
            ValidatorSetHash = validatorSetHash,
            GasUsed = GasUsed,
            GasLimit = context.GasLimit,
            LogsBloom = LogsBloom,
        };
    }

    /// <summary>
    /// Null if <paramref name="header"/> commits to exactly this result; otherwise which field differs, so a
    /// validator can reject a proposal with a precise reason.
    /// </summary>
    public string? FindMismatch(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.StateRoot != StateRoot)
        {
            return $"state root is {header.StateRoot}, execution gives {StateRoot}";
        }

        if (header.TransactionsRoot != TransactionsRoot)
        {
            return $"transactions root is {header.TransactionsRoot}, execution gives {TransactionsRoot}";
        }

        if (header.ReceiptsRoot != ReceiptsRoot)
        {
            return $"receipts root is {header.ReceiptsRoot}, execution gives {ReceiptsRoot}";
        }

        if (header.GasUsed != GasUsed)
        {
            return $"gas used is {header.GasUsed}, execution gives {GasUsed}";
        }

        if (!header.LogsBloom.AsSpan().SequenceEqual(LogsBloom))
        {
            return "logs bloom differs from the executed logs";
        }

        return null;
    }
}
