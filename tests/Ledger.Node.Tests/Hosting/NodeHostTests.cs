using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Hosting;

public sealed partial class NodeHostTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_node_serves_json_rpc_health_metrics_and_grpc_health_on_the_ports_it_prints()
    {
        var output = new LineWriter();
        using var stop = new CancellationTokenSource();
        var run = NodeHost.RunAsync(Launch(new NodeOptions { RpcPort = 0, GrpcPort = 0 }), output, stop.Token);

        var ready = await output.ReadyLine.WaitAsync(Guard);
        var match = ReadyPattern().Match(ready);
        Assert.True(match.Success, ready);
        var rpc = new Uri(match.Groups["rpc"].Value);
        var grpc = new Uri(match.Groups["grpc"].Value);
        Assert.NotEqual(0, rpc.Port);
        Assert.NotEqual(rpc.Port, grpc.Port);

        using var http = new HttpClient { BaseAddress = rpc };
        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, health.RootElement.GetProperty("height").GetInt32());

        using var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri("/", UriKind.Relative), body);
        Assert.Contains("\"0x1092\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("ledger_block_height 0", metrics, StringComparison.Ordinal);
        Assert.Contains("ledger_rpc_requests_total 1", metrics, StringComparison.Ordinal);
        Assert.Contains("ledger_txpool_size", metrics, StringComparison.Ordinal);
        Assert.Contains("ledger_block_commit_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("ledger_transactions_committed_total", metrics, StringComparison.Ordinal);

        using var channel = GrpcChannel.ForAddress(grpc);
        var status = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status.Status);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Guard));
        Assert.Single(output.Lines, l => l.StartsWith("ledger ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_setup_error()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<NodeConfigurationException>(
            () => NodeHost.RunAsync(Launch(new NodeOptions { RpcPort = port, GrpcPort = 0 }), new LineWriter(), CancellationToken.None).WaitAsync(Guard));

        Assert.Contains($"{port}", error.Message, StringComparison.Ordinal);
    }

    private NodeLaunch Launch(NodeOptions options) =>
        new(NodeFixture.Genesis, new LocalKeySigner(NodeFixture.ValidatorKey, Ecdsa.Default), _temp.File("data"), false, options);

    [GeneratedRegex(@"^ledger ready rpc=(?<rpc>http://127\.0\.0\.1:\d+) grpc=(?<grpc>http://127\.0\.0\.1:\d+)$")]
    private static partial Regex ReadyPattern();
}
