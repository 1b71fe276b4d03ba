using Ledger.Core.Primitives;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>eth_call and eth_estimateGas, including geth's revert shape (the eth_call/call-revert-abi-error fixture).</summary>
public sealed class CallTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private static readonly string Echo = TestChain.Echo.ToString();
    private static readonly string Reverter = TestChain.Reverter.ToString();
    private static readonly string From = TestChain.SenderA.ToString();

    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task Call_returns_the_output_as_hex()
    {
        Assert.Equal("0xdeadbeef", (await Server.ResultAsync("eth_call", new { from = From, to = Echo, input = "0xdeadbeef" }, "latest")).GetString());
        Assert.Equal("0x00ff", (await Server.ResultAsync("eth_call", new { to = Echo, data = "0x00ff" })).GetString());
    }

    [Fact]
    public async Task Call_passes_the_request_and_block_to_the_backend()
    {
        await Server.ResultAsync("eth_call", new { from = From, to = Echo, gas = "0x186a0", value = "0x0", data = "0x01" }, "0x1");
        var (request, block) = fixture.Backend.Calls.Last(c => c.Request.Data.AsSpan().SequenceEqual(new byte[] { 1 }));
        Assert.Equal(1UL, block);
        Assert.Equal(TestChain.SenderA, request.From);
        Assert.Equal(TestChain.Echo, request.To);
        Assert.Equal(100_000UL, request.Gas);
        Assert.Equal(UInt256.Zero, request.Value);
    }

    [Fact]
    public async Task Revert_is_error_3_with_reason_and_data_exactly_as_geth()
    {
        var (_, body) = await Server.PostAsync(
            """{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"from":"0x0000000000000000000000000000000000000000","gas":"0x186a0","input":"0x01","to":"0x2000000000000000000000000000000000000002"},"latest"]}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted: user error","data":"0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000a75736572206572726f72"}}""",
            body);
    }

    [Fact]
    public async Task Failure_that_is_not_a_revert_is_minus_32000_with_the_backends_message()
    {
        await Server.AssertErrorAsync(-32000, "no module at address 0x2000000000000000000000000000000000000009", "eth_call", new { to = "0x2000000000000000000000000000000000000009", data = "0x" });
    }

    [Fact]
    public async Task Estimate_gas_returns_the_gas_used_and_reverts_like_call()
    {
        Assert.Equal("0x53fc", (await Server.ResultAsync("eth_estimateGas", new { from = From, to = Echo, data = "0x01" })).GetString());
        var error = await Server.ErrorAsync("eth_estimateGas", new { from = From, to = Reverter, data = "0x01" });
        Assert.Equal(3, error.GetProperty("code").GetInt32());
        Assert.Equal("execution reverted: user error", error.GetProperty("message").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(TestChain.RevertData), error.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Call_object_fields_are_validated_by_name()
    {
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"to\": hex string has length 2, want 40 for an address", "eth_call", new { to = "0x12" }, "latest");
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"gas\": hex number with leading zero digits", "eth_call", new { to = Echo, gas = "0x0100" });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"data\": hex string has odd length", "eth_call", new { to = Echo, data = "0x123" });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"maxFeePerGas\": hex string without 0x prefix", "eth_call", new { to = Echo, maxFeePerGas = "100" });
        await Server.AssertErrorAsync(-32602, "both \"data\" and \"input\" are set and not equal", "eth_call", new { to = Echo, data = "0x01", input = "0x02" });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: expected a transaction call object, got a string", "eth_call", "0x01", "latest");
        await Server.AssertErrorAsync(-32602, "invalid argument 1: a block object needs exactly one of blockNumber or blockHash", "eth_call", new { to = Echo }, new { });
    }

    [Fact]
    public async Task Call_at_an_unknown_block_is_header_not_found()
    {
        await Server.AssertErrorAsync(-32000, "header not found", "eth_call", new { to = Echo }, "0x10");
        await Server.AssertErrorAsync(-32000, "not found", "eth_call", new { to = Echo }, new { blockHash = "0x" + new string('1', 64) });
    }
}
