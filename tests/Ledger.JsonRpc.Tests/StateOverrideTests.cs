using Ledger.Core.Primitives;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>eth_call / eth_estimateGas state overrides (third parameter, geth's shape): what maps is passed on, the rest refused by name.</summary>
public sealed class StateOverrideTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private static readonly string Echo = TestChain.Echo.ToString();
    private static readonly string Token = TestChain.Token.ToString();
    private static readonly string Holder = TestChain.SenderA.ToString();

    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task Nonce_and_module_storage_overrides_reach_the_backend()
    {
        var overrides = new Dictionary<string, object>
        {
            [Holder] = new { nonce = "0x7", balance = "0x0", code = "0x" },
            [Token] = new { stateDiff = new Dictionary<string, string> { ["0x01aa"] = "0x03e8", ["0x02"] = "0x" } },
            [Echo] = new { state = new Dictionary<string, string> { ["0x0102"] = "0xff" } },
        };

        Assert.Equal("0x42", (await Server.ResultAsync("eth_call", new { to = Echo, data = "0x42" }, "latest", overrides)).GetString());

        var passed = fixture.Backend.Overrides[^1];
        var holder = Assert.Single(passed, o => o.Address == TestChain.SenderA);
        Assert.Equal(7UL, holder.Nonce);
        Assert.Null(holder.State);
        var token = Assert.Single(passed, o => o.Address == TestChain.Token);
        Assert.Equal([new byte[] { 0x01, 0xaa }, [0x02]], token.StateDiff!.Select(e => e.Key));
        Assert.Equal(new byte[] { 0x03, 0xe8 }, token.StateDiff![0].Value);
        Assert.Null(token.StateDiff![1].Value); // "0x" deletes the key
        var echo = Assert.Single(passed, o => o.Address == TestChain.Echo);
        Assert.Equal(new byte[] { 0xff }, Assert.Single(echo.State!).Value);
    }

    [Fact]
    public async Task Estimate_gas_takes_overrides_too_and_null_means_none()
    {
        var before = fixture.Backend.Overrides.Count;
        Assert.Equal("0x53fc", (await Server.ResultAsync("eth_estimateGas", new { to = Echo, data = "0x01" }, "latest", new Dictionary<string, object> { [Holder] = new { nonce = "0x1" } })).GetString());
        Assert.Equal(before + 1, fixture.Backend.Overrides.Count);
        Assert.Equal("0x01", (await Server.ResultAsync("eth_call", new { to = Echo, data = "0x01" }, "latest", null)).GetString());
        Assert.Equal(before + 1, fixture.Backend.Overrides.Count);
    }

    [Theory]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"balance":"0x1"}}""", "field \"0x1000000000000000000000000000000000000001.balance\": Ledger has no native coin")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"code":"0x6000"}}""", "field \"0x1000000000000000000000000000000000000001.code\": Ledger runs native modules")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"movePrecompileToAddress":"0x1000000000000000000000000000000000000002"}}""", "movePrecompileToAddress\": Ledger has no EVM precompiles")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"storage":{}}}""", "storage\": unknown override field")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"state":{"0x01":"0x01"},"stateDiff":{"0x01":"0x02"}}}""", "has both 'state' and 'stateDiff'")]
    [InlineData("""{"0x0000000000000000000000000000000000000000":{"stateDiff":{"0x01":"0x02"}}}""", "system namespace")]
    [InlineData("""{"0x12":{"nonce":"0x1"}}""", "\"0x12\" is not an address")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"stateDiff":{"0x":"0x02"}}}""", "a module storage key is 1 to 1024 bytes")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"stateDiff":{"0x1":"0x02"}}}""", "the key hex string has odd length")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"nonce":"1"}}""", "nonce\"")]
    [InlineData("""[]""", "invalid argument 2: expected a state override object")]
    public async Task Fields_that_do_not_map_are_refused_naming_them(string overrides, string message)
    {
        var (_, body) = await Server.PostAsync(
            $$"""{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"to":"{{Echo}}","data":"0x01"},"latest",{{overrides}}]}""");
        var error = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(JsonRpcErrorCode.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"stateDiff":{"0x01":7}}}""", "field \"0x1000000000000000000000000000000000000001.stateDiff.0x01\": expected a hex string, got a number")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"stateDiff":{"0xzz":"0x01"}}}""", "field \"0x1000000000000000000000000000000000000001.stateDiff.0xzz\"")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"stateDiff":[1]}}""", "field \"0x1000000000000000000000000000000000000001.stateDiff\": expected an object")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":{"nonce":"0x1ffffffffffffffff"}}""", "field \"0x1000000000000000000000000000000000000001.nonce\"")]
    [InlineData("""{"0x1000000000000000000000000000000000000001":5}""", "field \"0x1000000000000000000000000000000000000001\": expected an account override object")]
    [InlineData("""{"0xé000000000000000000000000000000000000001":{}}""", "is not an address")]
    public void Malformed_overrides_are_invalid_params_naming_the_field_and_log_nothing_at_error(string overrides, string message)
    {
        var logger = new CapturingLogger();
        var processor = JsonRpcEndpoints.CreateProcessor(fixture.Backend, new JsonRpcOptions(), logger);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var request = $$"""{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"to":"{{Echo}}","data":"0x01"},"latest",{{overrides}}]}""";

        processor.Process(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(request)), output);

        var error = System.Text.Json.JsonDocument.Parse(output.WrittenMemory).RootElement.GetProperty("error");
        Assert.Equal(JsonRpcErrorCode.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(logger.AtOrAbove(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task A_backend_without_override_support_refuses_them_clearly()
    {
        await using var server = await RpcServer.StartAsync(new NoOverrideBackend(new FakeLedgerBackend(new TestChain())));
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "does not support state overrides", "eth_call", new { to = Echo, data = "0x01" }, "latest", new Dictionary<string, object> { [Holder] = new { nonce = "0x1" } });
        Assert.Equal("0x01", (await server.ResultAsync("eth_call", new { to = Echo, data = "0x01" }, "latest", new { })).GetString());
    }

    /// <summary>Forwards to a fake but keeps the interface's default for overrides.</summary>
    private sealed class NoOverrideBackend(FakeLedgerBackend inner) : ILedgerBackend
    {
        public ulong ChainId => inner.ChainId;

        public string ClientVersion => inner.ClientVersion;

        public ulong HeadNumber => inner.HeadNumber;

        public ulong BlockGasLimit => inner.BlockGasLimit;

        public IReadOnlyList<ModuleInfo> Modules => inner.Modules;

        public IReadOnlyList<TokenInfo> Tokens => inner.Tokens;

        public Subscriptions.LedgerEvents Events => inner.Events;

        public Core.Chain.Block? GetBlock(ulong number) => inner.GetBlock(number);

        public Core.Chain.Block? GetBlock(Hash32 hash) => inner.GetBlock(hash);

        public IReadOnlyList<Core.Chain.Receipt>? GetReceipts(Hash32 blockHash) => inner.GetReceipts(blockHash);

        public TransactionLocation? FindTransaction(Hash32 transactionHash) => inner.FindTransaction(transactionHash);

        public Core.Transactions.SignedTransaction? FindPendingTransaction(Hash32 transactionHash) => inner.FindPendingTransaction(transactionHash);

        public SubmitResult Submit(ReadOnlySpan<byte> rawTransaction) => inner.Submit(rawTransaction);

        public ulong GetTransactionCount(Address account, bool pending) => inner.GetTransactionCount(account, pending);

        public CallOutcome Call(CallRequest request, ulong blockNumber) => inner.Call(request, blockNumber);

        public IReadOnlyList<LogMatch> GetLogs(LogFilter filter) => inner.GetLogs(filter);
    }
}
