using Ledger.Node.Configuration;

namespace Ledger.Node.Tests.Configuration;

public sealed class NodeOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_listen_on_loopback()
    {
        var options = new NodeOptions();

        options.Validate();
        Assert.Equal("127.0.0.1", options.RpcHost);
        Assert.Equal(8545, options.RpcPort);
        Assert.Equal(50051, options.GrpcPort);
    }

    [Fact]
    public void An_empty_file_gives_the_defaults()
    {
        Assert.Equal(new NodeOptions().TxPoolCapacity, NodeOptionsFile.Parse("{}").TxPoolCapacity);
    }

    [Theory]
    [InlineData("""{ "rpcPort": 70000 }""", "rpcPort")]
    [InlineData("""{ "rpcHost": "localhost" }""", "rpcHost")]
    [InlineData("""{ "rpcPort": 9000, "grpcPort": 9000 }""", "grpcPort")]
    [InlineData("""{ "txPoolPerSenderCapacity": 0 }""", "txPoolPerSenderCapacity")]
    [InlineData("""{ "blockIntervalMs": -1 }""", "blockIntervalMs")]
    [InlineData("""{ "jsonRpc": { "maxBatchSize": 0 } }""", "jsonRpc")]
    [InlineData("""{ "rpcPort": "8545" }""", "rpcPort")]
    [InlineData("""[1, 2]""", "NodeOptions")]
    [InlineData("""null""", "null")]
    public void Invalid_settings_are_refused_naming_the_setting(string json, string named)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsFile.Parse(json, "node.json"));

        Assert.StartsWith("node.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsFile.Load("/nonexistent/node.json"));

        Assert.Contains("/nonexistent/node.json", error.Message, StringComparison.Ordinal);
    }
}
