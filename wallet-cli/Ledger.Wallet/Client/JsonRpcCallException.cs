namespace Ledger.Wallet.Client;

/// <summary>A JSON-RPC error object from the node (its message is for the user).</summary>
public sealed class JsonRpcCallException : Exception
{
    public JsonRpcCallException()
    {
    }

    public JsonRpcCallException(string message)
        : base(message)
    {
    }

    public JsonRpcCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
