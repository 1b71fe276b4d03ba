namespace Ledger.Execution.State;

/// <summary>The state of a block older than the node's history window was asked for.</summary>
public sealed class StateNotRetainedException : NotSupportedException
{
    public StateNotRetainedException(ulong blockNumber, int window)
        : base($"state of block {blockNumber} is not retained (the node keeps the last {window})")
    {
        BlockNumber = blockNumber;
    }

    public StateNotRetainedException()
    {
    }

    public StateNotRetainedException(string message)
        : base(message)
    {
    }

    public StateNotRetainedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ulong BlockNumber { get; }
}
