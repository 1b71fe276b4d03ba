namespace Ledger.Execution.Processing;

/// <summary>Thrown into a module that writes or logs during a read-only call; the host turns it into a revert.</summary>
internal sealed class ReadOnlyViolationException : Exception
{
    public ReadOnlyViolationException()
        : base(BlockExecutor.ReadOnlyViolationReason)
    {
    }

    public ReadOnlyViolationException(string message)
        : base(message)
    {
    }

    public ReadOnlyViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
