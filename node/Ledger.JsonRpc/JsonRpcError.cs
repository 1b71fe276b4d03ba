namespace Ledger.JsonRpc;

/// <summary>A JSON-RPC error object. <see cref="Data"/>, when present, is written as 0x-hex (revert data).</summary>
public sealed record JsonRpcError(int Code, string Message, byte[]? Data = null)
{
    public static JsonRpcError InvalidParams(string message) => new(JsonRpcErrorCode.InvalidParams, message);

    public static JsonRpcError InvalidInput(string message) => new(JsonRpcErrorCode.InvalidInput, message);
}
