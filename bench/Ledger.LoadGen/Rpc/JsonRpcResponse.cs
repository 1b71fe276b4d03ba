using System.Text.Json;

namespace Ledger.LoadGen.Rpc;

/// <summary>One answer of a batch: exactly one of <see cref="Result"/> and <see cref="Error"/> is set.</summary>
public readonly record struct JsonRpcResponse(JsonElement Result, JsonRpcError? Error)
{
    public bool IsError => Error is not null;
}
