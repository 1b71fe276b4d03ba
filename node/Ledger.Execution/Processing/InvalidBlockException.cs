using Ledger.Core.Primitives;

namespace Ledger.Execution.Processing;

/// <summary>
/// A block breaks a validity rule (wrong nonce, gas limit below intrinsic, block gas exceeded, wrong chain id):
/// it cannot be executed at all. A producer never builds one; a validator rejects a proposal that does.
/// </summary>
public sealed class InvalidBlockException : Exception
{
    public InvalidBlockException(ulong blockNumber, int transactionIndex, Hash32 transactionHash, string reason)
        : base($"block {blockNumber} is invalid: transaction {transactionIndex} ({transactionHash}): {reason}")
    {
        BlockNumber = blockNumber;
        TransactionIndex = transactionIndex;
        TransactionHash = transactionHash;
        Reason = reason;
    }

    public InvalidBlockException()
        : this("block is invalid")
    {
    }

    public InvalidBlockException(string message)
        : base(message)
    {
        Reason = message;
    }

    public InvalidBlockException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ulong BlockNumber { get; }

    /// <summary>Index of the offending transaction, or -1 if the block as a whole is invalid.</summary>
    public int TransactionIndex { get; } = -1;

    public Hash32 TransactionHash { get; }

    /// <summary>The rule broken, without the block/transaction prefix.</summary>
    public string Reason { get; } = "";
}
