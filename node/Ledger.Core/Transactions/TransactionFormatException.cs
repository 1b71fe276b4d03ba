namespace Ledger.Core.Transactions;

/// <summary>
/// Raw bytes are not a transaction Ledger accepts. The message names the field and the rule broken, so the
/// JSON-RPC and gRPC layers can pass it to the client unchanged.
/// </summary>
public sealed class TransactionFormatException : FormatException
{
    public TransactionFormatException(string message)
        : base(message)
    {
    }

    public TransactionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
