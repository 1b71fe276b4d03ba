using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ledger.LoadGen.Rpc;

/// <summary>
/// A small Ethereum JSON-RPC client over HTTP: single calls, batches, and pre-built bodies (the load generator
/// serializes its batches before timing starts, so sending one costs no JSON work).
/// </summary>
public sealed class JsonRpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private long _nextId;

    public JsonRpcClient(Uri url, int maxConnections = 4, TimeSpan? timeout = null)
    {
        Url = url;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    /// <summary>Calls one method; throws <see cref="JsonRpcException"/> when the node answers with an error.</summary>
    public async Task<JsonElement> CallAsync(string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        var response = await TryCallAsync(method, parameters, cancellationToken);
        return response.Error is { } error ? throw new JsonRpcException(method, error) : response.Result;
    }

    public Task<JsonElement> CallAsync(string method, params object?[] parameters) => CallAsync(method, parameters, CancellationToken.None);

    /// <summary>Calls one method and returns the error object instead of throwing it.</summary>
    public async Task<JsonRpcResponse> TryCallAsync(string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        var body = JsonRpcBodies.Single(Interlocked.Increment(ref _nextId), method, parameters);
        using var document = await PostAsync(body, cancellationToken);
        return Parse(document.RootElement, method);
    }

    /// <summary>Sends the calls as one batch; the answers come back in the order of <paramref name="calls"/>.</summary>
    public async Task<JsonRpcResponse[]> BatchAsync(IReadOnlyList<JsonRpcCall> calls, CancellationToken cancellationToken = default)
    {
        var firstId = Interlocked.Add(ref _nextId, calls.Count) - calls.Count + 1;
        var body = JsonRpcBodies.Batch(firstId, calls);
        using var document = await PostAsync(body, cancellationToken);
        return MatchBatch(document.RootElement, firstId, calls.Count);
    }

    /// <summary>Posts a ready body and parses the answer; the caller disposes the document.</summary>
    public async Task<JsonDocument> PostAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        using var response = await _http.PostAsync(Url, content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 500));
            throw new HttpRequestException($"the node answered HTTP {(int)response.StatusCode} with a body that is not JSON: {text}", ex);
        }
    }

    /// <summary>Matches batch answers to requests by id (JSON-RPC allows any order).</summary>
    public static JsonRpcResponse[] MatchBatch(JsonElement root, long firstId, int count)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            // A batch refused as a whole (too large, malformed) comes back as one error object.
            var whole = root.TryGetProperty("error", out var e) ? JsonRpcError.From(e) : new JsonRpcError(0, root.GetRawText(), null);
            return Enumerable.Repeat(new JsonRpcResponse(default, whole), count).ToArray();
        }

        var answers = new JsonRpcResponse[count];
        var seen = new bool[count];
        foreach (var item in root.EnumerateArray())
        {
            if (!item.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id))
            {
                continue;
            }

            var index = id - firstId;
            if (index >= 0 && index < count)
            {
                answers[index] = Parse(item, "batch");
                seen[index] = true;
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (!seen[i])
            {
                answers[i] = new JsonRpcResponse(default, new JsonRpcError(0, "no answer for this request in the batch response", null));
            }
        }

        return answers;
    }

    public void Dispose() => _http.Dispose();

    private static JsonRpcResponse Parse(JsonElement answer, string method)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            throw new HttpRequestException($"{method}: the node answered {answer.GetRawText()} instead of a JSON-RPC response object");
        }

        if (answer.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            return new JsonRpcResponse(default, JsonRpcError.From(error));
        }

        return answer.TryGetProperty("result", out var result)
            ? new JsonRpcResponse(result.Clone(), null)
            : new JsonRpcResponse(default, new JsonRpcError(0, $"a response without result or error: {answer.GetRawText()}", null));
    }
}
