using System.CommandLine;
using System.Net;
using System.Text;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Hosting;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Cli;

/// <summary>The JSON-RPC limit flags of `ledger dev` / `ledger run`, parsed and, for one, served end to end.</summary>
public sealed class RpcFlagTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dev_takes_every_rpc_limit_flag()
    {
        var code = await _cli.RunAsync(
            "dev", "--data", _temp.File("d"), "--rpc-max-body-bytes", "2048", "--rpc-max-batch-size", "7", "--rpc-rate-limit", "50",
            "--rpc-max-ws-connections", "3", "--rpc-cors-origins", "https://a.example,https://b.example", "--rpc-cors-origins", "http://c.example");

        Assert.Equal(0, code);
        var rpc = _cli.Launch!.Options.JsonRpc;
        Assert.Equal(2048, rpc.MaxRequestBodyBytes);
        Assert.Equal(7, rpc.MaxBatchSize);
        Assert.Equal(50, rpc.RateLimitPerSecond);
        Assert.Equal(3, rpc.MaxWebSocketConnections);
        Assert.Equal(["https://a.example", "https://b.example", "http://c.example"], rpc.CorsOrigins);
    }

    [Fact]
    public async Task Dev_takes_the_response_filter_notification_and_pool_bound_flags()
    {
        var code = await _cli.RunAsync(
            "dev", "--data", _temp.File("d"), "--rpc-max-response-bytes", "65536", "--rpc-max-filter-addresses", "50", "--rpc-max-filter-topics", "8",
            "--rpc-notification-backlog", "300", "--rpc-notification-backlog-bytes", "1048576", "--rpc-max-txpool-results", "250", "--rpc-filter-queue-bytes", "4096");

        Assert.Equal(0, code);
        var rpc = _cli.Launch!.Options.JsonRpc;
        Assert.Equal(65536, rpc.MaxResponseBytes);
        Assert.Equal(50, rpc.MaxFilterAddresses);
        Assert.Equal(8, rpc.MaxFilterTopics);
        Assert.Equal(300, rpc.MaxNotificationBacklog);
        Assert.Equal(1048576, rpc.MaxNotificationBacklogBytes);
        Assert.Equal(250, rpc.MaxTxPoolResults);
        Assert.Equal(4096, rpc.MaxFilterQueueBytes);
        rpc.Validate();
    }

    [Fact]
    public async Task Without_flags_the_defaults_stay_cors_off_and_no_rate_limit()
    {
        await _cli.RunAsync("dev", "--data", _temp.File("d"));

        var rpc = _cli.Launch!.Options.JsonRpc;
        Assert.Empty(rpc.CorsOrigins);
        Assert.Equal(0, rpc.RateLimitPerSecond);
        Assert.Equal(5 * 1024 * 1024, rpc.MaxRequestBodyBytes);
    }

    [Fact]
    public async Task Run_flags_override_the_config_files_json_rpc_section()
    {
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, """{ "jsonRpc": { "maxBatchSize": 10, "rateLimitPerSecond": 5, "corsOrigins": ["*"] } }""");
        var genesis = _temp.File("genesis.json");
        await File.WriteAllTextAsync(genesis, NodeFixture.Genesis.ToJson());
        var key = _temp.PrivateFile("validator.key", Convert.ToHexStringLower(DevKeys.PrivateKey(10)));

        var code = await _cli.RunAsync("run", "--genesis", genesis, "--key", key, "--data", _temp.File("d"), "--config", config, "--rpc-rate-limit", "0");

        Assert.Equal(0, code);
        var rpc = _cli.Launch!.Options.JsonRpc;
        Assert.Equal(10, rpc.MaxBatchSize);      // from the file
        Assert.Equal(0, rpc.RateLimitPerSecond); // the flag wins
        Assert.Equal(["*"], rpc.CorsOrigins);
    }

    [Theory]
    [InlineData("--rpc-max-body-bytes", "0", "--rpc-max-body-bytes must be positive")]
    [InlineData("--rpc-max-batch-size", "-1", "--rpc-max-batch-size must be positive")]
    [InlineData("--rpc-rate-limit", "-2", "--rpc-rate-limit must not be negative")]
    [InlineData("--rpc-max-ws-connections", "lots", "lots")]
    [InlineData("--rpc-max-response-bytes", "1000", "--rpc-max-response-bytes must be at least 1024")]
    [InlineData("--rpc-max-filter-addresses", "0", "--rpc-max-filter-addresses must be positive")]
    [InlineData("--rpc-max-filter-topics", "0", "--rpc-max-filter-topics must be positive")]
    [InlineData("--rpc-notification-backlog", "0", "--rpc-notification-backlog must be positive")]
    [InlineData("--rpc-notification-backlog-bytes", "-5", "--rpc-notification-backlog-bytes must be positive")]
    [InlineData("--rpc-max-txpool-results", "0", "--rpc-max-txpool-results must be positive")]
    [InlineData("--rpc-filter-queue-bytes", "0", "--rpc-filter-queue-bytes must be positive")]
    public async Task Bad_values_are_refused_naming_the_flag(string flag, string value, string expected)
    {
        var code = await _cli.RunAsync("dev", flag, value);

        Assert.NotEqual(0, code);
        Assert.Null(_cli.Launch);
        Assert.Contains(expected, _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_with_a_body_limit_flag_refuses_a_larger_body_with_413()
    {
        var output = new LineWriter();
        using var stop = new CancellationTokenSource();
        var root = LedgerCli.Create((launch, ct) => NodeHost.RunAsync(launch, output, ct));
        var run = root.Parse(["dev", "--data", _temp.File("node"), "--rpc-port", "0", "--grpc-port", "0", "--heartbeat-seconds", "0", "--rpc-max-body-bytes", "1024"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output, ProcessTerminationTimeout = null }, stop.Token);

        var ready = await output.ReadyLine.WaitAsync(Guard);
        var rpc = new Uri(ready.Split(' ').Single(p => p.StartsWith("rpc=", StringComparison.Ordinal))[4..]);
        using var http = new HttpClient { BaseAddress = rpc };
        var small = """{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""";
        var large = """{"jsonrpc":"2.0","id":2,"method":"web3_sha3","params":["0x""" + new string('a', 2000) + "\"]}";

        using var smallBody = new StringContent(small, Encoding.UTF8, "application/json");
        var smallResponse = await http.PostAsync(new Uri("/", UriKind.Relative), smallBody);
        using var largeBody = new StringContent(large, Encoding.UTF8, "application/json");
        var largeResponse = await http.PostAsync(new Uri("/", UriKind.Relative), largeBody);

        Assert.Equal(HttpStatusCode.OK, smallResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, largeResponse.StatusCode);
        Assert.Contains("-32600", await largeResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Guard));
    }
}
