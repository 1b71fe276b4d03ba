using System.Runtime.InteropServices;
using System.Text.Json;
using Ledger.Access;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;
using Ledger.JsonRpc.WebSockets;

namespace Ledger.JsonRpc;

public sealed partial class JsonRpcProcessor
{
    private const int MaxMethodNameLength = 64;

    // What a response adds around its result besides the id: {"jsonrpc":"2.0","id":,"result":} and a comma.
    private const int EnvelopeBytes = 48;

    /// <param name="budget">Bytes the response to this request may still take (a batch's remaining share).</param>
    private Outcome Execute(JsonElement request, Scratch scratch, RateLimiter? rate, long budget, bool inBatch, RpcCaller? caller)
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

        var handler = Find(method, out var name);
        if (handler is null)
        {
            return new Outcome(id, respond, NotFound(method));
        }

        // Authorization comes before the limits: a refused call costs no rate token and reveals nothing.
        var access = default(AccessDecision);
        string? accessName = null;
        if (caller is not null)
        {
            accessName = AccessNames.Of(name!, parameters);
            access = caller.Gate.Authorize(caller.Principal, accessName);
            if (!access.Allowed)
            {
                var denied = new JsonRpcError(JsonRpcErrorCode.Unauthorized, access.Denial!);
                if (access.Audited)
                {
                    Audit(caller, accessName, parameters, denied);
                }

                return new Outcome(id, respond, denied);
            }
        }

        var outcome = Run(handler, id, respond, parameters, scratch, rate, budget, inBatch, method);
        if (access.Audited)
        {
            // Recorded before the answer leaves the node; a record that cannot be written makes the gate refuse the next one.
            Audit(caller!, accessName!, parameters, outcome.Error);
        }

        return outcome;
    }

    private Outcome Run(RpcHandler handler, JsonElement id, bool respond, JsonElement parameters, Scratch scratch, RateLimiter? rate, long budget, bool inBatch, JsonElement method)
    {
        // A notification's result is thrown away, so it only has to stay under the single-response limit; an
        // answered call gets what is left of the response once its envelope and id are accounted for. A call
        // refused here is not run, so it takes no rate token either.
        var limit = respond ? budget - EnvelopeBytes - IdBytes(id) : _options.MaxResponseBytes;
        if (limit <= 0)
        {
            return new Outcome(id, respond, TooLarge(inBatch));
        }

        if (rate is not null && !rate.TryTake())
        {
            return new Outcome(id, respond, new JsonRpcError(
                JsonRpcErrorCode.LimitExceeded, $"rate limit of {rate.PerSecond} requests per second exceeded (each call of a batch counts as one)"));
        }

        try
        {
            var writer = scratch.Begin(limit);
            var error = handler(new RpcParams(parameters), writer);
            writer.Flush();
            return new Outcome(id, respond, error);
        }
        catch (JsonRpcException e)
        {
            return new Outcome(id, respond, e.Error);
        }
        catch (ResponseTooLargeException)
        {
            return new Outcome(id, respond, TooLarge(inBatch));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or a storage failure: the client learns only that it is internal; the log has the details.
            JsonRpcLog.HandlerFailed(_logger, method.GetString() ?? "", e);
            return new Outcome(id, respond, new JsonRpcError(JsonRpcErrorCode.InternalError, "internal error"));
        }
    }

    /// <summary>The handler and the method's interned name (no allocation per call), or null.</summary>
    private RpcHandler? Find(JsonElement method, out string? name)
    {
        name = null;
        var utf8 = JsonParse.Utf8(method);
        if (utf8.Length > MaxMethodNameLength)
        {
            return null;
        }

        Span<char> chars = stackalloc char[MaxMethodNameLength];
        if (!System.Text.Encoding.UTF8.TryGetChars(utf8, chars, out var length))
        {
            return null;
        }

        if (!_methods.TryGetValue(chars[..length], out var handler))
        {
            return null;
        }

        _names.TryGetValue(chars[..length], out name);
        return handler;
    }

    private JsonRpcError NotFound(JsonElement method)
    {
        var name = method.GetString() ?? "";
        if (_switchedOff.Contains(name))
        {
            var space = name[..name.IndexOf('_', StringComparison.Ordinal)];
            return new JsonRpcError(
                JsonRpcErrorCode.MethodNotFound, $"the method {name} is not available: the '{space}' namespace is switched off on this node (--rpc-api)");
        }

        return new JsonRpcError(JsonRpcErrorCode.MethodNotFound, $"the method {name} does not exist/is not available");
    }

    private static void Audit(RpcCaller caller, string method, JsonElement parameters, JsonRpcError? error)
    {
        var canonical = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(canonical))
        {
            if (parameters.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }
            else
            {
                parameters.WriteTo(writer);
            }
        }

        var result = error is null ? "ok" : error.Code == JsonRpcErrorCode.Unauthorized ? "denied" : "error";
        caller.Gate.Audit(caller.Principal, caller.Surface, method, canonical.WrittenSpan, result, error?.Code, caller.Remote);
    }

    private JsonRpcError TooLarge(bool inBatch) => new(
        JsonRpcErrorCode.LimitExceeded,
        inBatch
            ? $"batch response exceeds {_options.MaxResponseBytes} bytes; page or narrow the requests, or send fewer per batch"
            : $"response exceeds {_options.MaxResponseBytes} bytes; page or narrow the request");

    private static int IdBytes(JsonElement id) =>
        id.ValueKind is JsonValueKind.Number or JsonValueKind.String ? JsonMarshal.GetRawUtf8Value(id).Length : 4;

    private static Outcome Invalid(JsonElement id, string message) =>
        new(id, true, new JsonRpcError(JsonRpcErrorCode.InvalidRequest, message));
}
