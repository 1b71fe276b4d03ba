using System.Net;
using System.Text.Json;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>The JSON-RPC 2.0 envelope: parse errors, invalid requests, ids, notifications and batches.</summary>
public sealed class ProtocolTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private RpcServer Server => fixture.Server;

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId",""")]
    [InlineData("")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},]")]
    [InlineData("{'jsonrpc':'2.0'}")]
    public async Task Malformed_json_is_a_parse_error_with_null_id(string body)
    {
        var response = await Server.PostJsonAsync(body);
        Assert.Equal(-32700, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.StartsWith("parse error", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task Unknown_method_is_method_not_found_naming_the_method()
    {
        await Server.AssertErrorAsync(-32601, "the method eth_mine does not exist/is not available", "eth_mine");
    }

    [Theory]
    [InlineData("42", "expected a JSON object, got a number")]
    [InlineData("""{"id":1,"method":"eth_chainId"}""", "\"jsonrpc\" must be \"2.0\"")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"eth_chainId"}""", "\"jsonrpc\" must be \"2.0\"")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "\"method\" must be a string")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""", "\"method\" must be a string")]
    [InlineData("""{"jsonrpc":"2.0","id":{"a":1},"method":"eth_chainId"}""", "\"id\" must be a string, a number or null")]
    public async Task Structurally_invalid_requests_are_invalid_request(string body, string message)
    {
        var error = (await Server.PostJsonAsync(body)).GetProperty("error");
        Assert.Equal(-32600, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_params_are_refused_as_invalid_params()
    {
        var error = (await Server.PostJsonAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":{"address":"0x00"}}""")).GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("named parameters are not supported", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"abc-\\u0041\"")]
    [InlineData("null")]
    [InlineData("1.50")]
    [InlineData("18446744073709551616")]
    public async Task Id_is_echoed_byte_for_byte(string id)
    {
        var (_, body) = await Server.PostAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"eth_chainId"}""");
        Assert.Equal($$"""{"jsonrpc":"2.0","id":{{id}},"result":"0x1092"}""", body);
    }

    [Fact]
    public async Task Request_is_served_whatever_the_content_type_as_curl_sends_form_encoding()
    {
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}""", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Server.Client.PostAsync("/", content);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"result\":\"0x1092\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notification_gets_no_response_body()
    {
        var (status, body) = await Server.PostAsync("""{"jsonrpc":"2.0","method":"eth_chainId"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task Batch_answers_each_request_in_order_and_skips_notifications()
    {
        var batch = """
            [
              {"jsonrpc":"2.0","id":1,"method":"eth_chainId"},
              {"jsonrpc":"2.0","method":"eth_blockNumber"},
              {"jsonrpc":"2.0","id":"two","method":"eth_nope"},
              5,
              {"jsonrpc":"2.0","id":3,"method":"eth_getBalance","params":["0x12"]},
              {"jsonrpc":"2.0","id":4,"method":"net_version"}
            ]
            """;
        var responses = (await Server.PostJsonAsync(batch)).EnumerateArray().ToList();
        Assert.Equal(5, responses.Count);
        Assert.Equal("0x1092", responses[0].GetProperty("result").GetString());
        Assert.Equal("two", responses[1].GetProperty("id").GetString());
        Assert.Equal(-32601, responses[1].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, responses[2].GetProperty("id").ValueKind);
        Assert.Equal(-32600, responses[2].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(3, responses[3].GetProperty("id").GetInt32());
        Assert.Equal(-32602, responses[3].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("4242", responses[4].GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_batch_of_notifications_only_gets_no_response_body()
    {
        var (_, body) = await Server.PostAsync("""[{"jsonrpc":"2.0","method":"eth_chainId"},{"jsonrpc":"2.0","method":"net_version"}]""");
        Assert.Equal("", body);
    }

    [Fact]
    public async Task An_empty_batch_is_one_invalid_request_error()
    {
        var response = await Server.PostJsonAsync("[]");
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        Assert.Equal(-32600, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("empty batch", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_default_5_MiB_limit_is_refused_with_413_and_a_json_rpc_error()
    {
        var padding = new string(' ', (5 * 1024 * 1024) + 10);
        var (status, body) = await Server.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}""" + padding);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(-32600, error.GetProperty("code").GetInt32());
        Assert.Contains("exceeds the limit of 5242880 bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_stays_usable_after_a_refused_body()
    {
        await Server.PostAsync(new string('[', 6 * 1024 * 1024));
        Assert.Equal("0x1092", (await Server.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task Too_many_params_and_missing_params_are_invalid_params()
    {
        await Server.AssertErrorAsync(-32602, "this method takes no arguments", "eth_chainId", 1);
        await Server.AssertErrorAsync(-32602, "too many arguments, want at most 2", "eth_getBalance", "0x" + new string('1', 40), "latest", true);
        await Server.AssertErrorAsync(-32602, "missing value for required argument 0", "eth_getTransactionByHash");
        await Server.AssertErrorAsync(-32602, "missing value for required argument 1", "eth_getBlockByNumber", "latest");
    }

    [Fact]
    public async Task Responses_do_not_escape_apostrophes_or_angle_brackets()
    {
        var (_, body) = await Server.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_getBlockByNumber","params":["<x>",false]}""");
        Assert.Contains("got \\\"<x>\\\"", body, StringComparison.Ordinal);
    }
}
