using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Ledger.JsonRpc.Tests.Infrastructure;

/// <summary>A WebSocket JSON-RPC client: sends requests and reads messages (responses and notifications) in order.</summary>
public sealed class WsClient : IAsyncDisposable
{
    // Bounds a wait for a message the test expects, so a bug fails the test instead of hanging it.
    private static readonly TimeSpan MessageWait = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private int _nextId;

    private WsClient(ClientWebSocket socket)
    {
        _socket = socket;
    }

    public WebSocketState State => _socket.State;

    public static async Task<WsClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new WsClient(socket);
    }

    public async Task<int> SendAsync(string method, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendRawAsync(RpcServer.Request(method, args, id));
        return id;
    }

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message; throws if the connection closes first.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(MessageWait);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(chunk.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    /// <summary>Calls a method and returns its result (no notification may arrive in between).</summary>
    public async Task<JsonElement> ResultAsync(string method, params object?[] args)
    {
        var id = await SendAsync(method, args);
        var response = await ReceiveAsync();
        Assert.Equal(id, response.GetProperty("id").GetInt32());
        Assert.False(response.TryGetProperty("error", out var error), $"{method} failed: {error}");
        return response.GetProperty("result");
    }

    /// <summary>Calls a method that must fail and returns the error object.</summary>
    public async Task<JsonElement> ErrorAsync(string method, params object?[] args)
    {
        await SendAsync(method, args);
        var response = await ReceiveAsync();
        return response.GetProperty("error");
    }

    /// <summary>Subscribes and returns the subscription id.</summary>
    public async Task<string> SubscribeAsync(params object?[] args) => (await ResultAsync("eth_subscribe", args)).GetString()!;

    /// <summary>The next notification: asserts it is one for <paramref name="subscription"/> and returns its result.</summary>
    public async Task<JsonElement> NotificationAsync(string subscription)
    {
        var message = await ReceiveAsync();
        Assert.Equal("eth_subscription", message.GetProperty("method").GetString());
        var parameters = message.GetProperty("params");
        Assert.Equal(subscription, parameters.GetProperty("subscription").GetString());
        return parameters.GetProperty("result");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(MessageWait);
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The server may already have dropped the connection.
        }

        _socket.Dispose();
    }
}
