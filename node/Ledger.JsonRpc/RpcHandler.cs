using System.Text.Json;

namespace Ledger.JsonRpc;

/// <summary>
/// One JSON-RPC method: writes exactly one JSON value (the result) to <paramref name="result"/> and returns
/// null, or returns the error. Bad parameters throw <see cref="JsonRpcException"/>. Whatever was written is
/// discarded when an error is returned or thrown, so a handler never sends half a result.
/// </summary>
public delegate JsonRpcError? RpcHandler(RpcParams parameters, Utf8JsonWriter result);
