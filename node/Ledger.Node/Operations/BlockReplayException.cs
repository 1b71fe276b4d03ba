namespace Ledger.Node.Operations;

/// <summary>A stored or imported block fails verification: <see cref="Height"/> names it, the message says what is wrong.</summary>
public sealed class BlockReplayException : Exception
{
    public BlockReplayException()
    {
    }

    public BlockReplayException(string message)
        : base(message)
    {
    }

    public BlockReplayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlockReplayException(ulong height, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Height = height;
    }

    /// <summary>The number of the first bad block.</summary>
    public ulong Height { get; }
}
