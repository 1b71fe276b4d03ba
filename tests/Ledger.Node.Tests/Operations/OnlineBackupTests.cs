using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Cli;
using Ledger.Node.Tests.Hosting;
using Ledger.Node.Tests.Support;
using Ledger.Storage.Rocks;
using static Ledger.Node.Tests.Operations.DataDirectoryEdits;

namespace Ledger.Node.Tests.Operations;

/// <summary><c>ledger backup</c> against a node served in-process: a checkpoint of the running node that verifies and starts.</summary>
public sealed partial class OnlineBackupTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();
    private ulong _nonce;

    private string Backups => _temp.File("backups");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_backup_of_a_running_node_verifies_and_a_node_starts_from_a_copy_of_it()
    {
        string backup;
        ulong backupHead;
        await using (var node = await ServeAsync(_temp.File("data"), Backups))
        {
            await node.TransferAsync(this, count: 3);
            Assert.True(await _cli.RunAsync("backup", "--rpc", node.Rpc.ToString(), "--name", "first") == 0, _cli.Output + _cli.Error);
            var match = BackupLine().Match(_cli.Output);
            Assert.True(match.Success, _cli.Output);
            backup = match.Groups["path"].Value;
            backupHead = ulong.Parse(match.Groups["head"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Path.Combine(Backups, "first"), backup);
            Assert.True(backupHead >= 1);
            await node.TransferAsync(this, count: 2); // the node goes on after the backup
        }

        Assert.True(await _cli.RunAsync("verify-chain", "--data", backup) == 0, _cli.Output + _cli.Error);
        Assert.Contains($"OK: blocks 0-{backupHead} of chain 4242 (head {backupHead})", _cli.Output);
        using (var original = RocksDbKeyValueStore.OpenReadOnly(_temp.File("data")))
        using (var copy = RocksDbKeyValueStore.OpenReadOnly(backup))
        {
            Assert.Equal(CanonicalHash(original, backupHead), CanonicalHash(copy, backupHead));
        }

        var restored = _temp.File("restored");
        CopyDirectory(backup, restored);
        await using var again = await ServeAsync(restored, backups: null);
        Assert.Equal(backupHead, await again.HeightAsync());
        _nonce = 3; // the backup holds the first three transfers; the two after it are not in it
        await again.TransferAsync(this, count: 1);
        Assert.True(await again.HeightAsync() > backupHead);
    }

    [Fact]
    public async Task Backups_are_off_without_a_backup_folder_and_a_bad_or_taken_name_is_refused()
    {
        await using (var off = await ServeAsync(_temp.File("off"), backups: null))
        {
            Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("backup", "--rpc", off.Rpc.ToString()));
            Assert.Contains("backup: FAILED (409): online backups are off: start the node with --backup-dir DIR", _cli.Error);
        }

        await using var node = await ServeAsync(_temp.File("on"), Backups);
        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("backup", "--rpc", node.Rpc.ToString(), "--name", "../outside"));
        Assert.Contains("backup name '../outside' must be 1-100 letters, digits", _cli.Error);

        Assert.Equal(0, await _cli.RunAsync("backup", "--rpc", node.Rpc.ToString(), "--name", "nightly"));
        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("backup", "--rpc", node.Rpc.ToString(), "--name", "nightly"));
        Assert.Contains("a backup named 'nightly' already exists", _cli.Error);
        Assert.Equal(["nightly"], Directory.GetDirectories(Backups).Select(Path.GetFileName));

        var metrics = await node.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("ledger_backups_total{result=\"ok\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("ledger_backups_total{result=\"failed\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_node_is_a_setup_error()
    {
        Assert.Equal(LedgerCli.SetupErrorExitCode, await _cli.RunAsync("backup", "--rpc", "http://127.0.0.1:1"));
        Assert.Contains("cannot reach the node at http://127.0.0.1:1/admin/backup", _cli.Error);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    public void Only_callers_on_the_nodes_own_host_may_start_a_backup(string address, bool allowed) =>
        Assert.Equal(allowed, AdminEndpoints.IsLocal(IPAddress.Parse(address)));

    private static async Task<ServedNode> ServeAsync(string data, string? backups)
    {
        var output = new LineWriter();
        var stop = new CancellationTokenSource();
        var options = new NodeOptions { RpcPort = 0, GrpcPort = 0, BlockIntervalMs = 0, BackupDirectory = backups };
        var run = NodeHost.RunAsync(new NodeLaunch(NodeFixture.Genesis, new LocalKeySigner(NodeFixture.ValidatorKey, Ecdsa.Default), data, false, options), output, stop.Token);
        var ready = await output.ReadyLine.WaitAsync(Guard);
        return new ServedNode(new Uri(Regex.Match(ready, @"rpc=(\S+)").Groups[1].Value), run, stop);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    [GeneratedRegex(@"^backup: blocks 0-(?<head>\d+) \(head 0x[0-9a-f]{64}\) saved to (?<path>\S+)$", RegexOptions.Multiline)]
    private static partial Regex BackupLine();

    private sealed class ServedNode(Uri rpc, Task<int> run, CancellationTokenSource stop) : IAsyncDisposable
    {
        public Uri Rpc { get; } = rpc;

        public HttpClient Http { get; } = new() { BaseAddress = rpc };

        public async Task<ulong> HeightAsync()
        {
            using var health = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/health", UriKind.Relative)));
            return health.RootElement.GetProperty("height").GetUInt64();
        }

        /// <summary>Sends <paramref name="count"/> transfers from dev account 1 and waits (bounded) until they are all in blocks.</summary>
        public async Task TransferAsync(OnlineBackupTests test, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var raw = "0x" + Convert.ToHexStringLower(NodeFixture.SignTransfer(1, test._nonce++, 2, 5).Raw);
                using var body = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"eth_sendRawTransaction","params":["{{raw}}"]}""", Encoding.UTF8, "application/json");
                var reply = await (await Http.PostAsync(new Uri("/", UriKind.Relative), body)).Content.ReadAsStringAsync();
                Assert.DoesNotContain("\"error\"", reply, StringComparison.Ordinal);
            }

            for (var attempt = 0; attempt < 300 && await NonceAsync() < test._nonce; attempt++)
            {
                await Task.Delay(100);
            }

            Assert.True(await NonceAsync() == test._nonce, $"the transfers up to nonce {test._nonce} were not all committed within 30 s");
        }

        private async Task<ulong> NonceAsync()
        {
            var account = NodeFixture.Account(1).ToString();
            using var body = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"eth_getTransactionCount","params":["{{account}}","latest"]}""", Encoding.UTF8, "application/json");
            using var reply = JsonDocument.Parse(await (await Http.PostAsync(new Uri("/", UriKind.Relative), body)).Content.ReadAsStringAsync());
            return Convert.ToUInt64(reply.RootElement.GetProperty("result").GetString(), 16);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(Guard));
            stop.Dispose();
        }
    }
}
