using System.Text.Json;
using Ledger.JsonRpc.Parameters;

namespace Ledger.JsonRpc;

public sealed partial class JsonRpcProcessor
{
    private const int MaxMethodNameLength = 64;

    private Outcome Execute(JsonElement request, Scratch scratch)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return Invalid(default, $"invalid request: expected a JSON object, got {JsonParse.Describe(request)}");
        }

        var hasId = request.TryGetProperty("id"u8, out var id);
        if (hasId && id.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
        {
            return Invalid(default, $"invalid request: \"id\" must be a string, a number or null, got {JsonParse.Describe(id)}");
        }

        if (!request.TryGetProperty("jsonrpc"u8, out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
        {
            return Invalid(id, "invalid request: \"jsonrpc\" must be \"2.0\"");
        }

        if (!request.TryGetProperty("method"u8, out var method) || method.ValueKind != JsonValueKind.String)
        {
            return Invalid(id, "invalid request: \"method\" must be a string");
        }

        // Only a well-formed request without an id is a notification; a broken one is still answered (id null).
        var respond = hasId;
        var parameters = default(JsonElement);
        if (request.TryGetProperty("params"u8, out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Array)
            {
                var problem = p.ValueKind == JsonValueKind.Object
                    ? "invalid params: named parameters are not supported, pass an array"
                    : $"invalid params: \"params\" must be an array, got {JsonParse.Describe(p)}";
                return new Outcome(id, respond, JsonRpcError.InvalidParams(problem));
            }

            parameters = p;
        }

        var handler = Find(method);
        if (handler is null)
        {
            return new Outcome(id, respond, new JsonRpcError(JsonRpcErrorCode.MethodNotFound, $"the method {method.GetString()} does not exist/is not available"));
        }

        try
        {
            var writer = scratch.Begin();
            var error = handler(new RpcParams(parameters), writer);
            writer.Flush();
            return new Outcome(id, respond, error);
        }
        catch (JsonRpcException e)
        {
            return new Outcome(id, respond, e.Error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or a storage failure: the client learns only that it is internal; the log has the details.
            JsonRpcLog.HandlerFailed(_logger, method.GetString() ?? "", e);
            return new Outcome(id, respond, new JsonRpcError(JsonRpcErrorCode.InternalError, "internal error"));
        }
    }

    private RpcHandler? Find(JsonElement method)
    {
        var utf8 = JsonParse.Utf8(method);
        if (utf8.Length > MaxMethodNameLength)
        {
            return null;
        }

        Span<char> name = stackalloc char[MaxMethodNameLength];
        if (!System.Text.Encoding.UTF8.TryGetChars(utf8, name, out var length))
        {
            return null;
        }

        return _methods.TryGetValue(name[..length], out var handler) ? handler : null;
    }

    private static Outcome Invalid(JsonElement id, string message) =>
        new(id, true, new JsonRpcError(JsonRpcErrorCode.InvalidRequest, message));
}
