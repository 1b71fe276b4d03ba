using System.Text.Json;

namespace Ledger.LoadGen.Rpc;

/// <summary>A JSON-RPC 2.0 error object: code, message and the optional data (revert bytes for code 3).</summary>
public sealed record JsonRpcError(int Code, string Message, JsonElement? Data)
{
    public static JsonRpcError From(JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : error.GetRawText();
        JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
        return new JsonRpcError(code, message, data);
    }

    public override string ToString() => Data is { } data ? $"{Code}: {Message} (data {data.GetRawText()})" : $"{Code}: {Message}";
}
