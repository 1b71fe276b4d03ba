using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

public sealed class SendRawTransactionTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    // Hardhat account 2: a sender no other test uses, so admissions here change no other test's nonces.
    private static readonly byte[] KeyC = Convert.FromHexString("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task Accepted_transaction_returns_its_hash_and_becomes_pending()
    {
        var tx = TestChain.Sign(new UnsignedTransaction { ChainId = TestChain.ChainId, Nonce = 0, GasLimit = 60_000, To = TestChain.Token, Data = [0x05] }, KeyC);
        var hash = (await Server.ResultAsync("eth_sendRawTransaction", Hex.Encode(tx.Raw))).GetString();
        Assert.Equal(tx.Hash.ToString(), hash);
        var pending = await Server.ResultAsync("eth_getTransactionByHash", hash);
        Assert.Equal("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", pending.GetProperty("from").GetString());
        Assert.Equal("0x1", (await Server.ResultAsync("eth_getTransactionCount", "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", "pending")).GetString());
    }

    [Fact]
    public async Task Large_transaction_is_decoded_through_the_pooled_buffer()
    {
        var tx = TestChain.Sign(new UnsignedTransaction { ChainId = TestChain.ChainId, Nonce = 5, GasLimit = 60_000, To = TestChain.Token, Data = new byte[4000] }, KeyC);
        Assert.Equal(tx.Hash.ToString(), (await Server.ResultAsync("eth_sendRawTransaction", Hex.Encode(tx.Raw))).GetString());
    }

    [Fact]
    public async Task Rejected_transaction_is_minus_32000_with_the_backends_reason()
    {
        var stale = TestChain.Sign(new UnsignedTransaction { ChainId = TestChain.ChainId, Nonce = 0, GasLimit = 60_000, To = TestChain.Token }, TestChain.KeyA);
        await Server.AssertErrorAsync(-32000, "nonce too low: next nonce 3, tx nonce 0", "eth_sendRawTransaction", Hex.Encode(stale.Raw));
        await Server.AssertErrorAsync(-32000, "", "eth_sendRawTransaction", "0xc0");
    }

    [Theory]
    [InlineData("0x02f", "invalid argument 0: hex string has odd length")]
    [InlineData("f86c80", "invalid argument 0: hex string without 0x prefix")]
    [InlineData("0xf86q", "invalid argument 0: invalid hex character 'q' at position 5")]
    public async Task Malformed_hex_is_invalid_params(string raw, string message)
    {
        await Server.AssertErrorAsync(-32602, message, "eth_sendRawTransaction", raw);
    }

    [Fact]
    public async Task Non_string_argument_is_invalid_params()
    {
        await Server.AssertErrorAsync(-32602, "invalid argument 0: expected a hex string, got a number", "eth_sendRawTransaction", 12);
        await Server.AssertErrorAsync(-32602, "missing value for required argument 0", "eth_sendRawTransaction");
    }
}
