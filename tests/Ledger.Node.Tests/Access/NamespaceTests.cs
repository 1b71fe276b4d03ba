using Ledger.JsonRpc;
using Ledger.Node.Configuration;

namespace Ledger.Node.Tests.Access;

/// <summary>--rpc-api: namespaces switched off do not exist, whoever asks; an open node says it is open.</summary>
public sealed class NamespaceTests
{
    [Fact]
    public async Task A_switched_off_namespace_answers_method_not_found_naming_it_while_the_others_serve()
    {
        await using var node = await AuthNode.StartAsync(_ => new NodeOptions { JsonRpc = new JsonRpcOptions { Apis = ["eth", "net"] } });

        var chainId = await node.CallAsync("eth_chainId", "[]", token: null);
        var txpool = await node.CallAsync("txpool_status", "[]", token: null);
        var vote = await node.CallAsync("qbft_proposeValidatorVote", """["0x0000000000000000000000000000000000000001", true]""", token: null);

        Assert.Equal("0x1092", chainId.GetProperty("result").GetString());
        Assert.Equal(-32601, txpool.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("'txpool' namespace is switched off", txpool.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(-32601, vote.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains(node.Output.Lines, l => l.Contains("client APIs are OPEN", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_namespace_is_a_setup_error()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => new NodeOptions { JsonRpc = new JsonRpcOptions { Apis = ["eth", "admin"] } }.Validate());

        Assert.Contains("unknown JSON-RPC namespace 'admin'", error.Message, StringComparison.Ordinal);
    }
}
