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
}
