using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Cli;

public sealed class LedgerCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dev_runs_bank_As_validator_alone_on_the_default_ports_in_a_fresh_folder()
    {
        var code = await _cli.RunAsync("dev");

        var launch = _cli.Launch!;
        try
        {
            Assert.Equal(0, code);
            Assert.Equal(DevKeys.Address(10), launch.Signer.Address);
            Assert.Equal([DevKeys.Address(10)], launch.Genesis.ValidatorAddresses());
            Assert.Equal(4242UL, launch.Genesis.ChainId);
            Assert.Equal(8545, launch.Options.RpcPort);
            Assert.Equal(50051, launch.Options.GrpcPort);
            Assert.Null(launch.Options.BlockIntervalMs);
            Assert.True(launch.DataDirectoryIsTemporary);
            Assert.True(Directory.Exists(launch.DataDirectory));
        }
        finally
        {
            Directory.Delete(launch.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Dev_takes_data_directory_ports_and_block_interval()
    {
        var data = _temp.File("chain");

        var code = await _cli.RunAsync("dev", "--data", data, "--rpc-port", "0", "--grpc-port", "9000", "--block-interval-ms", "50");

        Assert.Equal(0, code);
        var launch = _cli.Launch!;
        Assert.Equal(data, launch.DataDirectory);
        Assert.False(launch.DataDirectoryIsTemporary);
        Assert.Equal(0, launch.Options.RpcPort);
        Assert.Equal(9000, launch.Options.GrpcPort);
        Assert.Equal(50, launch.Options.BlockIntervalMs);
    }

    [Theory]
    [InlineData("--rpc-port", "70000", "--rpc-port 70000 is not a TCP port")]
    [InlineData("--grpc-port", "-1", "--grpc-port -1 is not a TCP port")]
    [InlineData("--block-interval-ms", "-5", "--block-interval-ms must not be negative")]
    [InlineData("--rpc-port", "many", "many")]
    public async Task Dev_refuses_bad_values_with_a_clear_message(string option, string value, string expected)
    {
        var code = await _cli.RunAsync("dev", option, value);

        Assert.NotEqual(0, code);
        Assert.Null(_cli.Launch);
        Assert.Contains(expected, _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_names_every_missing_required_option()
    {
        var code = await _cli.RunAsync("run");

        Assert.NotEqual(0, code);
        Assert.Contains("--genesis", _cli.Error, StringComparison.Ordinal);
        Assert.Contains("--data", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_refuses_a_genesis_file_that_does_not_exist()
    {
        var key = WriteKeyFile(DevKeys.PrivateKey(10));

        var code = await _cli.RunAsync("run", "--genesis", _temp.File("nope.json"), "--key", key, "--data", _temp.Path);

        Assert.NotEqual(0, code);
        Assert.Contains("nope.json", _cli.Error, StringComparison.Ordinal);
        Assert.Null(_cli.Launch);
    }

    [Fact]
    public async Task Run_refuses_an_invalid_genesis_naming_the_problem()
    {
        var genesis = _temp.File("genesis.json");
        await File.WriteAllTextAsync(genesis, "{ \"chainId\": \"x\" }");

        var code = await _cli.RunAsync("run", "--genesis", genesis, "--key", WriteKeyFile(DevKeys.PrivateKey(10)), "--data", _temp.Path);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.StartsWith($"ledger: genesis '{genesis}':", _cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not hex at all")]
    [InlineData("0x1234")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Run_refuses_a_key_file_that_holds_no_private_key(string content)
    {
        var key = _temp.PrivateFile("bad.key", content);

        var code = await _cli.RunAsync("run", "--genesis", WriteGenesis(), "--key", key, "--data", _temp.Path);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains("key file", _cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(content.Length > 10 ? content[4..] : "\u0001", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_reads_genesis_key_and_config_and_lets_flags_override_the_ports()
    {
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, """
            {
              // comments are fine
              "rpcPort": 8600,
              "grpcPort": 8601,
              "txPoolCapacity": 5000,
              "jsonRpc": { "maxBatchSize": 10 }
            }
            """);

        var code = await _cli.RunAsync(
            "run", "--genesis", WriteGenesis(), "--key", WriteKeyFile(DevKeys.PrivateKey(10)), "--data", _temp.File("d"),
            "--config", config, "--grpc-port", "0");

        Assert.Equal(0, code);
        var launch = _cli.Launch!;
        Assert.Equal(DevKeys.Address(10), launch.Signer.Address);
        Assert.Equal(NodeFixture.Genesis.ChainId, launch.Genesis.ChainId);
        Assert.Equal(8600, launch.Options.RpcPort);
        Assert.Equal(0, launch.Options.GrpcPort);
        Assert.Equal(5000, launch.Options.TxPoolCapacity);
        Assert.Equal(10, launch.Options.JsonRpc.MaxBatchSize);
    }

    [Fact]
    public async Task Run_refuses_a_config_with_an_unknown_setting()
    {
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, """{ "rpcPrt": 1 }""");

        var code = await _cli.RunAsync(
            "run", "--genesis", WriteGenesis(), "--key", WriteKeyFile(DevKeys.PrivateKey(10)), "--data", _temp.Path, "--config", config);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains("rpcPrt", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_an_error()
    {
        var code = await _cli.RunAsync("serve");

        Assert.NotEqual(0, code);
        Assert.Contains("serve", _cli.Error, StringComparison.Ordinal);
    }

    private string WriteGenesis()
    {
        var path = _temp.File("genesis.json");
        File.WriteAllText(path, NodeFixture.Genesis.ToJson());
        return path;
    }

    private string WriteKeyFile(byte[] key)
    {
        return _temp.PrivateFile("validator.key", Convert.ToHexStringLower(key) + "\n");
    }
}
