namespace Ledger.Execution.Chain;

/// <summary>A log query matched more logs than the caller allowed; the caller should narrow the range or filter.</summary>
public sealed class LogLimitExceededException : Exception
{
    public LogLimitExceededException()
    {
    }

    public LogLimitExceededException(string message)
        : base(message)
    {
    }

    public LogLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LogLimitExceededException(int limit)
        : base($"more than {limit} logs match; narrow the block range or the filter")
    {
        Limit = limit;
    }

    public int Limit { get; }
}
