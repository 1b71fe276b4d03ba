using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving the JSON-RPC endpoint, and a client for it.</summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _nextId;

    private RpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>The ws:// address of the same endpoint.</summary>
    public Uri WebSocketUri => new("ws://" + Client.BaseAddress!.Authority + "/");

    /// <summary>Opens a WebSocket JSON-RPC client to this server.</summary>
    public Task<WsClient> ConnectAsync() => WsClient.ConnectAsync(WebSocketUri);

    /// <summary>Starts a server; with <paramref name="fromServices"/> the backend is resolved from DI (the one-argument overload).</summary>
    public static async Task<RpcServer> StartAsync(
        ILedgerBackend backend, JsonRpcOptions? options = null, bool fromServices = false, TimeProvider? time = null, IJsonRpcObserver? observer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(backend);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var app = builder.Build();
        app.UseLedgerJsonRpc(options ?? new JsonRpcOptions());
        if (fromServices)
        {
            app.MapLedgerJsonRpc(options ?? new JsonRpcOptions());
        }
        else
        {
            app.MapLedgerJsonRpc(backend, options ?? new JsonRpcOptions(), observer);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RpcServer(app, new Uri(address));
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a raw body and parses the response (a single object or an array).</summary>
    public async Task<JsonElement> PostJsonAsync(string body)
    {
        var (status, text) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Request(string method, object?[] args, object? id) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = args });

    /// <summary>Calls a method that must succeed and returns its result.</summary>
    public async Task<JsonElement> ResultAsync(string method, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = await PostJsonAsync(Request(method, args, id));
        Assert.Equal(id, response.GetProperty("id").GetInt32());
        Assert.False(response.TryGetProperty("error", out var error), $"{method} failed: {error}");
        return response.GetProperty("result");
    }

    /// <summary>Calls a method that must fail and returns the error object.</summary>
    public async Task<JsonElement> ErrorAsync(string method, params object?[] args)
    {
        var response = await PostJsonAsync(Request(method, args, Interlocked.Increment(ref _nextId)));
        Assert.False(response.TryGetProperty("result", out var result), $"{method} unexpectedly returned {result}");
        return response.GetProperty("error");
    }

    /// <summary>Asserts the error's code and that its message contains <paramref name="messagePart"/>.</summary>
    public async Task AssertErrorAsync(int code, string messagePart, string method, params object?[] args)
    {
        var error = await ErrorAsync(method, args);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Contains(messagePart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
