using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests;

/// <summary>The `ledger dev` process contract that every harness relies on.</summary>
public sealed class DevNodeTests
{
    [Fact]
    public async Task Dev_node_on_port_zero_reports_its_ports_and_serves_health_and_chain_id()
    {
        using var node = LedgerProcess.StartDev();
        Assert.Equal("127.0.0.1", node.RpcUrl.Host);
        Assert.NotEqual(0, node.RpcUrl.Port);
        Assert.NotEqual(node.RpcUrl.Port, node.GrpcUrl.Port);
        Assert.Contains("ledger: client APIs are OPEN (no authentication) on 127.0.0.1", node.Output, StringComparison.Ordinal);

        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(node.RpcUrl, "/health"));
        Assert.True(health.IsSuccessStatusCode, $"/health answered {(int)health.StatusCode}");

        using var rpc = new JsonRpcClient(node.RpcUrl);
        Assert.Equal(DevChain.ChainId, await rpc.ChainIdAsync());
    }
}
