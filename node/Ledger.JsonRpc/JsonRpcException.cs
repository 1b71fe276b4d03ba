namespace Ledger.JsonRpc;

/// <summary>
/// Thrown by parameter parsing so that a handler stays a straight line; the dispatcher turns it into the
/// error response. Expected outcomes (reverts, rejected transactions) are returned, not thrown.
/// </summary>
public sealed class JsonRpcException : Exception
{
    public JsonRpcException(JsonRpcError error)
        : base(error.Message)
    {
        Error = error;
    }

    public JsonRpcException(int code, string message)
        : this(new JsonRpcError(code, message))
    {
    }

    public JsonRpcError Error { get; }

    public static JsonRpcException InvalidParams(string message) => new(JsonRpcErrorCode.InvalidParams, message);
}
