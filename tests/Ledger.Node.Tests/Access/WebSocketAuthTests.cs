using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Ledger.Node.Tests.Access;

/// <summary>WebSocket JSON-RPC: authenticated at the upgrade, authorized per message and per subscription kind, closed when the token expires.</summary>
public sealed class WebSocketAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private Uri Socket => new UriBuilder(fixture.Node.Rpc) { Scheme = "ws" }.Uri;

    [Fact]
    public async Task An_upgrade_without_a_token_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Socket, CancellationToken.None).WaitAsync(Guard));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused_at_the_upgrade()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + AuthKeys.Forged("app", "operator"));

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Socket, CancellationToken.None).WaitAsync(Guard));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_reader_may_follow_heads_but_not_pending_payments()
    {
        using var socket = await ConnectAsync(fixture.Keys.Token("explorer", "reader"));

        var heads = await CallAsync(socket, """{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}""");
        var pending = await CallAsync(socket, """{"jsonrpc":"2.0","id":2,"method":"eth_subscribe","params":["newPendingTransactions"]}""");
        var content = await CallAsync(socket, """{"jsonrpc":"2.0","id":3,"method":"txpool_content","params":[]}""");

        Assert.StartsWith("0x", heads.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(-40100, pending.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("eth_subscribe/newPendingTransactions", pending.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(-40100, content.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_operator_may_follow_pending_payments_and_a_browser_may_pass_the_token_in_the_query()
    {
        var token = fixture.Keys.Token("ops-console", "operator");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(Socket) { Query = "access_token=" + token }.Uri, CancellationToken.None).WaitAsync(Guard);

        var pending = await CallAsync(socket, """{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newPendingTransactions"]}""");

        Assert.StartsWith("0x", pending.GetProperty("result").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_is_closed_when_its_token_expires()
    {
        // Issued so that it expires two seconds from now (the clock skew only applies when a token is checked).
        var token = fixture.Keys.Token("short-lived", ["reader"], DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2));
        using var socket = await ConnectAsync(token);
        await CallAsync(socket, """{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}""");

        // Heartbeat blocks may arrive first; read until the close frame (bounded in count and time).
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(Guard);
        WebSocketReceiveResult received;
        var frames = 0;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
        }
        while (received.MessageType != WebSocketMessageType.Close && ++frames < 10_000);

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Contains("credentials expired", socket.CloseStatusDescription, StringComparison.Ordinal);
    }

    private async Task<ClientWebSocket> ConnectAsync(string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(Socket, CancellationToken.None).WaitAsync(Guard);
        return socket;
    }

    /// <summary>Sends one request and returns the response with its id (notifications in between are skipped).</summary>
    private static async Task<JsonElement> CallAsync(ClientWebSocket socket, string request)
    {
        var id = JsonDocument.Parse(request).RootElement.GetProperty("id").GetInt32();
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(Guard);
        for (var i = 0; i < 1_000; i++)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            var message = JsonDocument.Parse(buffer.AsMemory(0, received.Count)).RootElement.Clone();
            if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt32() == id)
            {
                return message;
            }
        }

        throw new InvalidOperationException("no response");
    }
}
