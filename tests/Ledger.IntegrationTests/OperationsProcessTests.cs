using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// Operations on a running four-validator consortium under load (issue 14, items 3 and 7): an online backup restored as a
/// validator that catches up, and a rolling restart of every validator that loses nothing.
/// </summary>
public sealed partial class OperationsProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_backup_taken_under_load_verifies_and_restores_a_validator_that_catches_up_with_the_consortium()
    {
        var backups = Directory.CreateTempSubdirectory("ledger-backups-").FullName;
        try
        {
            await BackupRestoreAsync(backups);
        }
        finally
        {
            Directory.Delete(backups, recursive: true);
        }
    }

    private async Task BackupRestoreAsync(string backups)
    {
        using var cluster = ConsensusCluster.Start(i => ["--backup-dir", Path.Combine(backups, $"validator-{i}")]);
        await using var load = new TransferLoad(cluster.Count, i => cluster.Node(i).RpcUrl);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), 5, Patience);

        var backup = await Ledger(cluster, ["backup", "--rpc", cluster.Node(3).RpcUrl.ToString(), "--name", "under-load"]);
        Assert.True(backup.ExitCode == 0, backup.Output);
        var match = BackupLine().Match(backup.Output);
        Assert.True(match.Success, backup.Output);
        var backupPath = match.Groups["path"].Value;
        var backupHead = ulong.Parse(match.Groups["head"].Value, CultureInfo.InvariantCulture);
        output.WriteLine($"backup of validator 3 at block {backupHead}: {backupPath}");
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), backupHead + 5, Patience);

        var verified = await Ledger(cluster, ["verify-chain", "--data", backupPath]);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains($"verify-chain: OK: blocks 0-{backupHead} of chain 4242", verified.Output);

        // Validator 3 loses its disk: it is restored from a copy of the backup on a fresh directory.
        load.MarkDown(3);
        cluster.Remove(3);
        var restored = cluster.Folder("data-3-restored");
        CopyDirectory(backupPath, restored);
        cluster.StartNodeOn(3, restored);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), backupHead + 10, Patience);
        load.MarkUp(3);
        await load.StopAsync();
        await AssertEveryTransferCommittedAsync(cluster, load);
        using (var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl))
        {
            await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), await rpc.BlockNumberAsync(), Patience);
        }

        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_rolling_restart_of_all_four_validators_under_load_loses_nothing()
    {
        using var cluster = ConsensusCluster.Start();
        await using var load = new TransferLoad(cluster.Count, i => cluster.Node(i).RpcUrl);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 3, Patience);

        for (var node = 0; node < cluster.Count; node++)
        {
            load.MarkDown(node);
            var exitCode = cluster.Node(node).Stop();
            Assert.True(exitCode == 0, $"validator {node} exited with {exitCode} on SIGTERM:\n{ConsensusCluster.Tail(cluster.Node(node).Output)}");
            cluster.Node(node).Restart();
            using var other = new JsonRpcClient(cluster.Node((node + 1) % cluster.Count).RpcUrl);
            var target = await other.BlockNumberAsync() + 2;
            try
            {
                await ConsensusCluster.WaitForHeightAsync(cluster.Node(node), target, Patience);
            }
            catch (HttpRequestException ex)
            {
                throw new InvalidOperationException($"validator {node} stopped answering after its restart:\n{ConsensusCluster.Tail(cluster.Node(node).Output)}", ex);
            }

            load.MarkUp(node);
            output.WriteLine($"validator {node} restarted and caught up to block {target}; {load.Accepted.Count} transfers accepted so far");
        }

        await load.StopAsync();
        Assert.True(load.Accepted.Count > 20, $"only {load.Accepted.Count} transfers were sent: the load did not run");
        await AssertEveryTransferCommittedAsync(cluster, load);
        for (var node = 0; node < cluster.Count; node++)
        {
            Assert.True(cluster.Node(node).IsRunning, $"validator {node} exited after its restart:\n{ConsensusCluster.Tail(cluster.Node(node).Output)}");
        }

        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    /// <summary>Every accepted transfer has a successful receipt, and each sender's nonce counts exactly its accepted transfers.</summary>
    private async Task AssertEveryTransferCommittedAsync(ConsensusCluster cluster, TransferLoad load)
    {
        using var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl);
        foreach (var hash in load.Accepted)
        {
            var receipt = await rpc.WaitForReceiptAsync(hash, Patience);
            Assert.Equal(1UL, receipt.GetQuantity("status"));
        }

        foreach (var (account, used) in load.NoncesUsed)
        {
            Assert.Equal(used, await rpc.GetTransactionCountAsync(DevKeys.Address(account), "latest"));
        }

        output.WriteLine($"{load.Accepted.Count} transfers accepted, all committed");
    }

    private static Task<ExternalCommand.Result> Ledger(ConsensusCluster cluster, IReadOnlyList<string> arguments) =>
        ExternalCommand.RunAsync("dotnet", [RepoPaths.LedgerDll, .. arguments], cluster.Folder(""), null, TimeSpan.FromMinutes(3));

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
}
