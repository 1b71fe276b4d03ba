using System.Text.Json;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>
/// txpool_content, txpool_inspect and eth_pendingTransactions are bounded by MaxTxPoolResults: a larger pool must
/// be paged with {limit, cursor}, in (sender, nonce) order, each transaction listed once.
/// </summary>
public sealed class TxPoolPagingTests : IAsyncLifetime
{
    private const int Max = 4;

    // The third well-known development key (address 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC).
    private static readonly byte[] KeyC = Convert.FromHexString("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    private FakeLedgerBackend _backend = null!;
    private RpcServer _server = null!;

    // Sender B (0x7099…) sorts before sender A (0xf39f…). B has nonce 0 committed, A nonces 0-2.
    private static string A => TestChain.SenderA.ToChecksumString();

    private static string B => TestChain.SenderB.ToChecksumString();

    public async Task InitializeAsync()
    {
        _backend = new FakeLedgerBackend(new TestChain()); // A's nonce 3 is pending already
        foreach (var tx in new[] { Tx(TestChain.KeyA, 4), Tx(TestChain.KeyA, 6), Tx(TestChain.KeyB, 1), Tx(TestChain.KeyB, 2), Tx(TestChain.KeyB, 5) })
        {
            Assert.True(_backend.Submit(tx.Raw).Accepted);
        }

        _server = await RpcServer.StartAsync(_backend, new JsonRpcOptions { MaxTxPoolResults = Max });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("txpool_content")]
    [InlineData("txpool_inspect")]
    [InlineData("eth_pendingTransactions")]
    public async Task Without_a_page_a_pool_over_the_cap_is_limit_exceeded_saying_how_to_page(string method)
    {
        var error = await _server.ErrorAsync(method);

        Assert.Equal(JsonRpcErrorCode.LimitExceeded, error.GetProperty("code").GetInt32());
        Assert.Contains($"more than {Max} transactions", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"{method}({{\"limit\": {Max}}}), then pass each page's \"cursor\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_pages_follow_sender_and_nonce_and_keep_geths_pending_and_queued_split()
    {
        var first = await _server.ResultAsync("txpool_content", new { limit = 4 });
        Assert.Equal(["1", "2"], Nonces(first, "pending", B));
        Assert.Equal(["5"], Nonces(first, "queued", B));
        Assert.Equal(["3"], Nonces(first, "pending", A));
        var cursor = first.GetProperty("cursor").GetString();

        var second = await _server.ResultAsync("txpool_content", new { limit = "0x4", cursor });
        Assert.Equal(["4"], Nonces(second, "pending", A));
        Assert.Equal(["6"], Nonces(second, "queued", A)); // behind the gap at 5
        Assert.False(second.GetProperty("pending").TryGetProperty(B, out _));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("cursor").ValueKind);
    }

    [Fact]
    public async Task Paging_one_at_a_time_lists_every_transaction_exactly_once_even_as_the_pool_changes()
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 20; page++)
        {
            var result = await _server.ResultAsync("eth_pendingTransactions", new { limit = 1, cursor });
            seen.AddRange(result.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("hash").GetString()!));
            if (page == 0)
            {
                // Sender C (0x3C44…) sorts before the cursor (B, 1): not listed by later pages. (A, 5) sorts after it: listed once.
                Assert.True(_backend.Submit(Tx(KeyC, 0).Raw).Accepted);
                Assert.True(_backend.Submit(Tx(TestChain.KeyA, 5).Raw).Accepted);
            }

            cursor = result.GetProperty("cursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Null(cursor);
        var expected = new[] { Tx(TestChain.KeyB, 1), Tx(TestChain.KeyB, 2), Tx(TestChain.KeyB, 5), _backend.Chain.Pending, Tx(TestChain.KeyA, 4), Tx(TestChain.KeyA, 5), Tx(TestChain.KeyA, 6) };
        Assert.Equal(expected.Select(t => t.Hash.ToString()), seen);
    }

    [Fact]
    public async Task Inspect_pages_give_geths_summary_lines()
    {
        var page = await _server.ResultAsync("txpool_inspect", new { limit = 4 });

        Assert.Equal(
            $"{TestChain.Token.ToChecksumString()}: 0 wei + 60000 gas × 0 wei",
            page.GetProperty("pending").GetProperty(A).GetProperty("3").GetString());
        Assert.Equal(JsonValueKind.String, page.GetProperty("cursor").ValueKind);
    }

    [Fact]
    public async Task A_pool_within_the_cap_is_answered_whole_in_geths_shape()
    {
        await using var server = await RpcServer.StartAsync(_backend, new JsonRpcOptions { MaxTxPoolResults = 100 });

        var content = await server.ResultAsync("txpool_content");

        Assert.False(content.TryGetProperty("cursor", out _));
        Assert.Equal(["1", "2"], Nonces(content, "pending", B));
        Assert.Equal(6, (await server.ResultAsync("eth_pendingTransactions")).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"limit":0}""", "field \"limit\": a page holds 1 to 4 transactions, got 0")]
    [InlineData("""{"limit":5}""", "a page holds 1 to 4 transactions, got 5")]
    [InlineData("""{"limit":-1}""", "expected a whole number from 1 to 4")]
    [InlineData("""{"size":2}""", "field \"size\": unknown field; a page takes \"limit\" and \"cursor\"")]
    [InlineData("""{"cursor":"0x12"}""", "field \"cursor\": expected the \"cursor\" of a previous page")]
    [InlineData("""{"cursor":7}""", "expected the \"cursor\" of a previous page (or null for the first page), got a number")]
    [InlineData("""[2]""", "invalid argument 0: expected a page object")]
    public async Task Bad_page_arguments_are_invalid_params(string page, string message)
    {
        var (_, body) = await _server.PostAsync($$"""{"jsonrpc":"2.0","id":1,"method":"txpool_content","params":[{{page}}]}""");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");

        Assert.Equal(JsonRpcErrorCode.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static SignedTransaction Tx(byte[] key, ulong nonce) =>
        TestChain.Sign(new UnsignedTransaction { Type = TxType.DynamicFee, ChainId = TestChain.ChainId, Nonce = nonce, GasLimit = 60_000, To = TestChain.Token, Data = [0x02] }, key);

    private static string[] Nonces(JsonElement content, string group, string sender) =>
        content.GetProperty(group).TryGetProperty(sender, out var txs) ? [.. txs.EnumerateObject().Select(p => p.Name)] : [];
}
