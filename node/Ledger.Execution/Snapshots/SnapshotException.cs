namespace Ledger.Execution.Snapshots;

/// <summary>
/// A snapshot (manifest or chunk) is malformed, of another chain, not certified, or does not prove against the certified
/// state root. Nothing of it is trusted; an import that meets one stops and leaves the data dir marked unusable.
/// </summary>
public sealed class SnapshotException : Exception
{
    public SnapshotException()
    {
    }

    public SnapshotException(string message)
        : base(message)
    {
    }

    public SnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
