namespace Ledger.JsonRpc;

/// <summary>Error codes of JSON-RPC 2.0 and EIP-1474, plus geth's code 3 for reverts.</summary>
public static class JsonRpcErrorCode
{
    /// <summary>geth: a call reverted; <c>data</c> holds the revert data.</summary>
    public const int ExecutionReverted = 3;

    public const int ParseError = -32700;

    public const int InvalidRequest = -32600;

    public const int MethodNotFound = -32601;

    public const int InvalidParams = -32602;

    public const int InternalError = -32603;

    /// <summary>EIP-1474 "invalid input"; geth uses it for every rejected transaction and server-side failure.</summary>
    public const int InvalidInput = -32000;

    public const int ResourceNotFound = -32001;

    public const int TransactionRejected = -32003;

    public const int LimitExceeded = -32005;

    /// <summary>Besu's code for a call the caller's roles do not allow (also the body of an HTTP 401).</summary>
    public const int Unauthorized = -40100;
}
