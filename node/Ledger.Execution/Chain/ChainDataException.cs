namespace Ledger.Execution.Chain;

/// <summary>
/// The data directory cannot serve this node: it belongs to another genesis or chain, or its contents are
/// inconsistent. The node must stop; nothing is written.
/// </summary>
public sealed class ChainDataException : Exception
{
    public ChainDataException()
    {
    }

    public ChainDataException(string message)
        : base(message)
    {
    }

    public ChainDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
