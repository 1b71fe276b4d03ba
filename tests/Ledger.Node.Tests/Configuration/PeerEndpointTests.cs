using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Cli;
using Ledger.Node.Tests.Support;
using Ledger.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Configuration;

/// <summary>
/// peerEndpoints / --peer-endpoint: a node dials a genesis validator at another host:port (NAT, load balancer, fault
/// proxy) while it still listens on its own gRPC port; every bad value is refused at start naming the setting.
/// </summary>
public sealed class PeerEndpointTests : IDisposable
{
    private static readonly string BankB = DevKeys.Address(11).ToString();
    private static readonly string BankD = DevKeys.Address(13).ToString();
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_config_file_takes_a_table_of_address_to_host_and_port()
    {
        var options = NodeOptionsFile.Parse($$"""{ "peerEndpoints": { "{{BankB}}": "10.0.0.7:40302", "{{BankD}}": "[::1]:40304" } }""");

        Assert.Equal("10.0.0.7:40302", options.PeerEndpoints![BankB]);
        Assert.Equal(2, options.PeerEndpoints.Count);
    }

    [Theory]
    [InlineData("""{ "peerEndpoints": { "0x1234": "127.0.0.1:1" } }""", "not a 20-byte hex address")]
    [InlineData("""{ "peerEndpoints": { "0x71bE63f3384f5fb98995898A86B02Fb2426c5788": "127.0.0.1" } }""", "is not HOST:PORT")]
    [InlineData("""{ "peerEndpoints": { "0x71bE63f3384f5fb98995898A86B02Fb2426c5788": "127.0.0.1:70000" } }""", "is not a TCP port")]
    [InlineData("""{ "peerEndpoints": { "0x71bE63f3384f5fb98995898A86B02Fb2426c5788": "bad host:30302" } }""", "not a host name")]
    public void A_bad_entry_is_refused_naming_the_setting(string json, string problem)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsFile.Parse(json, "node.json"));

        Assert.Contains("peerEndpoints", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_takes_repeated_flags_that_override_the_config_file()
    {
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, $$"""{ "peerEndpoints": { "{{BankB}}": "10.0.0.7:40302", "{{BankD}}": "10.0.0.9:40304" } }""");

        var code = await _cli.RunAsync(
            "run", "--genesis", WriteGenesis(), "--key", WriteKey(), "--data", _temp.File("d"), "--config", config,
            "--peer-endpoint", $"{BankB}=127.0.0.1:50302", "--peer-endpoint", $"{DevKeys.Address(12)}=127.0.0.1:50303");

        Assert.True(code == 0, _cli.Error);
        var endpoints = _cli.Launch!.Options.PeerEndpoints!;
        Assert.Equal("127.0.0.1:50302", endpoints[BankB]);
        Assert.Equal("10.0.0.9:40304", endpoints[BankD]);
        Assert.Equal("127.0.0.1:50303", endpoints[DevKeys.Address(12).ToString()]);
    }

    [Theory]
    [InlineData("127.0.0.1:50302", "is not ADDRESS=HOST:PORT")]
    [InlineData("0xnope=127.0.0.1:50302", "not a 20-byte hex address")]
    public async Task Run_refuses_a_malformed_flag_with_exit_code_2(string flag, string problem)
    {
        var code = await _cli.RunAsync("run", "--genesis", WriteGenesis(), "--key", WriteKey(), "--data", _temp.File("d"), "--peer-endpoint", flag);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains(problem, _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consortium_node_dials_the_overridden_validators_there_and_the_others_at_their_genesis_endpoint()
    {
        var genesis = EmbeddedGenesis.Load();
        var options = new NodeOptions { PeerEndpoints = new Dictionary<string, string> { [BankB] = "127.0.0.1:41302" } };

        await using var node = LedgerNode.Open(genesis, new LocalKeySigner(DevKeys.PrivateKey(10), Ecdsa.Default), new MemoryKeyValueStore(), options, new RecordingFatalErrorHandler(), NullLoggerFactory.Instance);

        var peers = node.Network!.Options.Peers.ToDictionary(p => p.Address.ToString(), p => p.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41302/"), peers[BankB]);
        var bankC = genesis.Validators[2];
        Assert.Equal(new Uri($"http://{bankC.Host}:{bankC.GrpcPort}/"), peers[bankC.Address.ToString()]);
        Assert.Equal(3, peers.Count);
    }

    [Fact]
    public void An_override_for_an_address_that_is_not_another_validator_is_refused()
    {
        var options = new NodeOptions { PeerEndpoints = new Dictionary<string, string> { [DevKeys.Address(10).ToString()] = "127.0.0.1:41301" } };

        var error = Assert.Throws<NodeConfigurationException>(() => LedgerNode.Open(
            EmbeddedGenesis.Load(), new LocalKeySigner(DevKeys.PrivateKey(10), Ecdsa.Default), new MemoryKeyValueStore(), options, new RecordingFatalErrorHandler(), NullLoggerFactory.Instance));

        Assert.Contains("is not another validator of this genesis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_peer_TLS_the_override_is_dialled_over_https()
    {
        var peers = PeerEndpointOverrides.Apply(
            [new Network.PeerEndpoint(DevKeys.Address(11), new Uri("https://127.0.0.1:30302"))],
            new Dictionary<string, string> { [BankB] = "peer-b.bank.example:443" },
            useTls: true);

        Assert.Equal(new Uri("https://peer-b.bank.example:443/"), Assert.Single(peers).Endpoint);
    }

    private string WriteGenesis()
    {
        var path = _temp.File("genesis.json");
        File.WriteAllText(path, EmbeddedGenesis.Load().ToJson());
        return path;
    }

    private string WriteKey()
    {
        var path = _temp.File("validator.key");
        File.WriteAllText(path, Convert.ToHexStringLower(DevKeys.PrivateKey(10)) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // `ledger run` refuses a key others can read
        return path;
    }
}
