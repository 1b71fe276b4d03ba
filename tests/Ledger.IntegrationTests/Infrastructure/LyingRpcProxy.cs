using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>
/// A JSON-RPC node that lies: it forwards every request to a real node (127.0.0.1 only) and rewrites the answers of
/// <c>eth_call</c> whose call data starts with one of the given selectors, including turning a revert into a success.
/// Stands for a compromised or buggy node between the wallet and the chain; the chain itself is never fooled.
/// </summary>
public sealed class LyingRpcProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly ConcurrentDictionary<string, Func<string?, string>> _lies;
    private readonly Task _loop;

    /// <param name="target">The real node's JSON-RPC URL.</param>
    /// <param name="lies">Function signature → rewrite of the real answer's hex output (null when the real node reverted).</param>
    public LyingRpcProxy(Uri target, IReadOnlyDictionary<string, Func<string?, string>> lies)
    {
        _target = target;
        _lies = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (signature, lie) in lies)
        {
            Tell(signature, lie);
        }

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
            probe.Stop();
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>From now on, lies about <paramref name="what"/>: a function signature (its eth_call) or a JSON-RPC method name.</summary>
    public void Tell(string what, Func<string?, string> lie) =>
        _lies[what.Contains('(', StringComparison.Ordinal) ? Hex.Encode(AbiSelector.BytesOf(what)) : what] = lie;

    /// <summary>How many answers were rewritten: a test checks the lie was actually told.</summary>
    public int LiesTold { get; private set; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            using var forwarded = await _upstream.PostAsync(_target, new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
            var answer = await forwarded.Content.ReadAsStringAsync().ConfigureAwait(false);
            answer = Tamper(body, answer);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private string Tamper(string request, string answer)
    {
        if (JsonNode.Parse(request) is not JsonObject call || (string?)call["method"] is not { } method)
        {
            return answer;
        }

        var data = method == "eth_call" ? (string?)call["params"]?[0]?["data"] ?? string.Empty : string.Empty;
        if (!_lies.TryGetValue(method, out var lie) && (data.Length < 10 || !_lies.TryGetValue(data[..10], out lie)))
        {
            return answer;
        }

        var real = JsonNode.Parse(answer)!.AsObject();
        var output = (string?)real["result"];
        LiesTold++;
        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = real["id"]?.DeepClone(), ["result"] = lie(output) }.ToJsonString();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _upstream.Dispose();
    }
}
