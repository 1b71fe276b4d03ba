namespace Ledger.LoadGen.Rpc;

/// <summary>The node answered a call with a JSON-RPC error object.</summary>
public sealed class JsonRpcException : Exception
{
    public JsonRpcException(string method, JsonRpcError error)
        : base($"{method} failed with {error}")
    {
        Method = method;
        Error = error;
    }

    public string Method { get; }

    public JsonRpcError Error { get; }
}
