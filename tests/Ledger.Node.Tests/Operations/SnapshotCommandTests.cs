using Ledger.Core.Genesis;
using Ledger.Node.Cli;
using Ledger.Node.Tests.Cli;
using Ledger.Node.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Rocks;
using static Ledger.Node.Tests.Operations.DataDirectoryEdits;

namespace Ledger.Node.Tests.Operations;

/// <summary>
/// <c>ledger snapshot export/import</c>: a new data dir starts at a certified block with the same state, follows the chain
/// by verified blocks from there, and refuses altered files and blocks of a validator set it has no reason to trust.
/// </summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    private string Source => _temp.File("source");

    private string Target => _temp.File("target");

    private string SnapshotPath => _temp.File("state.snapshot");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_snapshot_node_has_the_state_of_its_block_and_follows_the_chain_with_verified_blocks()
    {
        var genesis = Build(source => source.ProduceTransfers(blocks: 8, transfersPerBlock: 4));

        Assert.True(await _cli.RunAsync("snapshot", "export", "--data", Source, "--out", SnapshotPath) == 0, _cli.Error);
        Assert.Contains("snapshot: block 8 (", _cli.Output);
        Assert.True(await _cli.RunAsync("snapshot", "import", "--data", Target, "--in", SnapshotPath, "--genesis", genesis) == 0, _cli.Error);
        Assert.Contains("snapshot import: state of block 8", _cli.Output);
        Assert.Contains("the node follows from block 9", _cli.Output);

        // More blocks on the source reach the snapshot node as sync delivers them: verified (certificate of its height's
        // set, read from the imported state) and re-executed, then committed.
        Build(source => source.ProduceTransfers(blocks: 3, transfersPerBlock: 2));
        var later = _temp.File("later.export");
        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", later, "--from", "9"));
        Assert.True(await _cli.RunAsync("import", "--data", Target, "--in", later) == 0, _cli.Error);
        Assert.Contains("import: 3 blocks verified and imported (6 transactions), 0 already present; head is block 11", _cli.Output);

        using (var source = RocksDbKeyValueStore.OpenReadOnly(Source))
        using (var target = RocksDbKeyValueStore.OpenReadOnly(Target))
        {
            for (var n = 8UL; n <= 11; n++)
            {
                Assert.Equal(CanonicalHash(source, n), CanonicalHash(target, n));
            }

            Assert.Null(target.Get(Column.Headers, [(byte)'n', 0, 0, 0, 0, 0, 0, 0, 7]));
        }

        // verify-chain says what it cannot do on such a dir instead of failing on a missing block 1.
        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("verify-chain", "--data", Target));
        Assert.Contains("started from a snapshot of block 8: blocks 0-7 are not stored", _cli.Output + _cli.Error);
    }

    [Fact]
    public async Task An_altered_snapshot_file_is_refused_and_the_data_dir_is_left_unusable_rather_than_wrong()
    {
        var genesis = Build(source => source.ProduceTransfers(blocks: 4, transfersPerBlock: 4));
        Assert.Equal(0, await _cli.RunAsync("snapshot", "export", "--data", Source, "--out", SnapshotPath, "--chunk-bytes", "2048"));
        var bytes = await File.ReadAllBytesAsync(SnapshotPath);
        bytes[^1] ^= 0x40; // inside the last chunk's last value
        await File.WriteAllBytesAsync(SnapshotPath, bytes);

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("snapshot", "import", "--data", Target, "--in", SnapshotPath, "--genesis", genesis));

        Assert.Contains("snapshot import: REFUSED: the snapshot chunk of buckets", _cli.Error);
        Assert.Contains("does not match the manifest's hash", _cli.Error);
        Assert.NotEqual(0, await _cli.RunAsync("export", "--data", Target, "--out", _temp.File("x.export")));
    }

    [Fact]
    public async Task A_block_certified_by_a_changed_validator_set_needs_the_operators_trusted_hash()
    {
        Ledger.Core.Primitives.Hash32 head = default;
        var genesis = Build(source =>
        {
            var d = CertifiedChain.Validator(3);
            source.Produce(source.VoteRemove(0, d), source.VoteRemove(1, d));
            source.Produce(source.VoteRemove(2, d));
            head = source.Produce(source.Transfer(0, 1, 5)).Header.Hash; // certified by the three left
        });
        Assert.Equal(0, await _cli.RunAsync("snapshot", "export", "--data", Source, "--out", SnapshotPath));

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("snapshot", "import", "--data", Target, "--in", SnapshotPath, "--genesis", genesis));
        Assert.Contains("certified by a validator set other than genesis's", _cli.Error);

        var trusted = _temp.File("trusted");
        Assert.True(await _cli.RunAsync("snapshot", "import", "--data", trusted, "--in", SnapshotPath, "--genesis", genesis, "--trust-block", head.ToString()) == 0, _cli.Error);
        Assert.Contains("snapshot import: state of block 3", _cli.Output);
    }

    /// <summary>Adds blocks to the source dir; returns the path of its genesis as JSON (the import's trust root).</summary>
    private string Build(Action<CertifiedChain> produce)
    {
        GenesisConfig genesis;
        using (var store = RocksDbKeyValueStore.Open(Source))
        {
            var chain = new CertifiedChain(store);
            produce(chain);
            genesis = chain.Genesis;
        }

        var path = _temp.File("genesis.json");
        File.WriteAllText(path, genesis.ToJson());
        return path;
    }
}
