using System.Text.Json;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

public sealed class LedgerMethodTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task Tokens_are_listed_with_their_metadata()
    {
        var token = Assert.Single((await Server.ResultAsync("ledger_getTokens")).EnumerateArray());
        Assert.Equal(["address", "symbol", "name", "currency", "decimals", "issuer"], token.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TestChain.Token.ToString(), token.GetProperty("address").GetString());
        Assert.Equal("USDA", token.GetProperty("symbol").GetString());
        Assert.Equal("USD", token.GetProperty("currency").GetString());
        Assert.Equal(2, token.GetProperty("decimals").GetInt32());
        Assert.Equal("BankA", token.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Modules_carry_their_abi_as_json_not_as_a_string()
    {
        var modules = (await Server.ResultAsync("ledger_getModules")).EnumerateArray().ToList();
        Assert.Equal(["DepositToken:USDA", "Echo"], modules.Select(m => m.GetProperty("name").GetString()!));
        var abi = modules[0].GetProperty("abi");
        Assert.Equal(JsonValueKind.Array, abi.ValueKind);
        Assert.Equal("balanceOf", abi[0].GetProperty("name").GetString());
        Assert.Equal(TestChain.Echo.ToString(), modules[1].GetProperty("address").GetString());
    }

    [Fact]
    public async Task Ledger_methods_take_no_arguments()
    {
        await Server.AssertErrorAsync(-32602, "this method takes no arguments", "ledger_getTokens", "USDA");
    }

    [Fact]
    public async Task Token_holders_need_a_token_and_a_page_of_one_to_a_thousand()
    {
        await Server.AssertErrorAsync(-32602, "is not a deposit token", "ledger_getTokenHolders", TestChain.Echo.ToString(), "0x0", "0x1");
        await Server.AssertErrorAsync(-32602, "count must be 1 to 1000, got 0", "ledger_getTokenHolders", TestChain.Token.ToString(), "0x0", "0x0");
        await Server.AssertErrorAsync(-32602, "count must be 1 to 1000, got 1001", "ledger_getTokenHolders", TestChain.Token.ToString(), "0x0", "0x3e9");
        await Server.AssertErrorAsync(-32000, "this node does not list token holders", "ledger_getTokenHolders", TestChain.Token.ToString(), "0x0", "0xa");
    }
}
