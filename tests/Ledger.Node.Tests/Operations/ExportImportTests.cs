using System.Buffers.Binary;
using Ledger.Core.Chain;
using Ledger.Node.Cli;
using Ledger.Node.Operations;
using Ledger.Node.Tests.Cli;
using Ledger.Node.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Rocks;
using static Ledger.Node.Tests.Operations.DataDirectoryEdits;

namespace Ledger.Node.Tests.Operations;

/// <summary><c>ledger export</c> and <c>ledger import</c>: a round trip gives the same chain, and a bad or cut file loses nothing already verified.</summary>
public sealed class ExportImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    private string Source => _temp.File("source");

    private string Target => _temp.File("target");

    private string ExportFile => _temp.File("chain.export");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_exported_chain_imports_into_a_fresh_directory_as_the_same_chain_and_verifies()
    {
        Build(blocks: 8, transfersPerBlock: 4);

        Assert.True(await _cli.RunAsync("export", "--data", Source, "--out", ExportFile) == 0, _cli.Error);
        Assert.Contains("export: blocks 0-8 (9 blocks) of chain 4242", _cli.Output);
        Assert.Equal("LEDGEREX"u8.ToArray(), File.ReadAllBytes(ExportFile)[..8]);
        Assert.False(File.Exists(ExportFile + ".partial"));

        Assert.True(await _cli.RunAsync("import", "--data", Target, "--in", ExportFile) == 0, _cli.Error);
        Assert.Contains("import: 8 blocks verified and imported (32 transactions), 1 already present; head is block 8", _cli.Output);

        AssertSameChain(Source, Target, 8);
        Assert.True(await _cli.RunAsync("verify-chain", "--data", Target) == 0, _cli.Output + _cli.Error);
        using var imported = RocksDbKeyValueStore.OpenReadOnly(Target);
        Assert.NotNull(imported.Get(Column.Meta, "accountIndex"u8)); // indexed as imported: no rebuild at the next start
    }

    [Fact]
    public async Task Importing_again_finds_every_block_present_and_a_later_range_continues_the_chain()
    {
        Build(blocks: 6, transfersPerBlock: 2);
        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", ExportFile, "--to", "3"));
        Assert.Equal(0, await _cli.RunAsync("import", "--data", Target, "--in", ExportFile));
        Assert.Equal(0, await _cli.RunAsync("import", "--data", Target, "--in", ExportFile));
        Assert.Contains("import: 0 blocks verified and imported (0 transactions), 4 already present; head is block 3", _cli.Output);

        var gap = _temp.File("gap.export");
        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", gap, "--from", "5"));
        Assert.Equal(LedgerCli.SetupErrorExitCode, await _cli.RunAsync("import", "--data", Target, "--in", gap));
        Assert.Contains("the export starts at block 5, but this data dir's head is block 3: import blocks 4-4 first", _cli.Error);

        var rest = _temp.File("rest.export");
        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", rest, "--from", "4"));
        Assert.Equal(0, await _cli.RunAsync("import", "--data", Target, "--in", rest));
        Assert.Contains("import: 3 blocks verified and imported (6 transactions), 0 already present; head is block 6", _cli.Output);
        AssertSameChain(Source, Target, 6);
    }

    [Fact]
    public async Task A_bad_block_stops_the_import_at_that_block_and_keeps_every_block_before_it()
    {
        Build(blocks: 5, transfersPerBlock: 2);
        using (var store = RocksDbKeyValueStore.Open(Source))
        {
            var hash = CanonicalHash(store, 4);
            var block = BlockCodec.Decode(store.Get(Column.Blocks, hash.ToArray()));
            Put(store, Column.Blocks, hash.ToArray(), BlockCodec.Encode(block with { Certificate = block.Certificate! with { Round = 7 } }));
        }

        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", ExportFile));

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("import", "--data", Target, "--in", ExportFile));
        Assert.Contains("import: FAILED: block 4 has an invalid commit certificate", _cli.Error);
        Assert.Contains("the data directory keeps every block before the fault (head is block 3)", _cli.Error);
        AssertSameChain(Source, Target, 3);
    }

    [Fact]
    public async Task A_truncated_export_imports_its_whole_blocks_and_then_fails_saying_it_is_truncated()
    {
        Build(blocks: 4, transfersPerBlock: 2);
        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", ExportFile));
        var bytes = await File.ReadAllBytesAsync(ExportFile);
        await File.WriteAllBytesAsync(ExportFile, bytes[..^60]); // the end record (44 bytes) and part of block 4

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("import", "--data", Target, "--in", ExportFile));

        Assert.Contains("the file ends inside record 4 (block 4): it is truncated", _cli.Error);
        Assert.Contains("head is block 3", _cli.Error);
        AssertSameChain(Source, Target, 3);
    }

    [Fact]
    public async Task An_export_of_another_chain_is_refused_before_anything_is_written()
    {
        Build(blocks: 2, transfersPerBlock: 1);
        Assert.Equal(0, await _cli.RunAsync("export", "--data", Source, "--out", ExportFile));
        await using (var other = new NodeFixture(RocksDbKeyValueStore.Open(Target)))
        {
            other.Submit(1, 0);
            other.Node.Producer.ProduceBlock();
        }

        Assert.Equal(LedgerCli.SetupErrorExitCode, await _cli.RunAsync("import", "--data", Target, "--in", ExportFile, "--genesis", WriteDevGenesis()));

        Assert.Contains("the export is of chain 4242 with genesis", _cli.Error);
        using var store = RocksDbKeyValueStore.OpenReadOnly(Target);
        Assert.Null(store.Get(Column.Headers, [(byte)'n', 0, 0, 0, 0, 0, 0, 0, 2]));
    }

    [Fact]
    public void The_reader_refuses_a_foreign_file_a_newer_version_and_an_oversized_record_before_allocating_it()
    {
        Assert.Contains("not a ledger export", Assert.Throws<InvalidDataException>(() => ChainExportReader.Open(new MemoryStream(new byte[80]))).Message);

        var header = new MemoryStream();
        _ = new ChainExportWriter(header, new ChainExportHeader(4242, Core.Primitives.Hash32.Zero, 0, []));
        var newer = header.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(newer.AsSpan(8), ChainExportFormat.Version + 1);
        Assert.Contains($"export format version {ChainExportFormat.Version + 1} is not supported", Assert.Throws<InvalidDataException>(() => ChainExportReader.Open(new MemoryStream(newer))).Message);

        var huge = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(huge, ChainExportFormat.MaxRecordBytes + 1U);
        var reader = ChainExportReader.Open(new MemoryStream([.. header.ToArray(), .. huge]));
        Assert.Contains("record 0 (block 0) declares 67108865 bytes, more than the 67108864 a block may have", Assert.Throws<InvalidDataException>(() => reader.ReadBlock()).Message);
    }

    [Fact]
    public void The_end_record_must_count_the_records_and_nothing_may_follow_it()
    {
        var stream = new MemoryStream();
        var writer = new ChainExportWriter(stream, new ChainExportHeader(4242, Core.Primitives.Hash32.Zero, 0, []));
        writer.WriteBlock([1, 2, 3], Core.Primitives.Hash32.Zero);
        writer.Finish();
        var bytes = stream.ToArray();

        var trailing = ChainExportReader.Open(new MemoryStream([.. bytes, 0]));
        Assert.NotNull(trailing.ReadBlock());
        Assert.Contains("data after its end record", Assert.Throws<InvalidDataException>(() => trailing.ReadBlock()).Message);

        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(bytes.Length - 40), 2);
        var miscounted = ChainExportReader.Open(new MemoryStream(bytes));
        Assert.NotNull(miscounted.ReadBlock());
        Assert.Contains("the end record declares 2 blocks, but the file holds 1", Assert.Throws<InvalidDataException>(() => miscounted.ReadBlock()).Message);
    }

    private void Build(int blocks, int transfersPerBlock)
    {
        using var store = RocksDbKeyValueStore.Open(Source);
        new CertifiedChain(store).ProduceTransfers(blocks, transfersPerBlock);
    }

    private string WriteDevGenesis()
    {
        var path = _temp.File("dev-genesis.json");
        File.WriteAllText(path, NodeFixture.Genesis.ToJson());
        return path;
    }

    /// <summary>Blocks 0 … <paramref name="head"/> have the same hashes in both directories, and <paramref name="target"/> ends there.</summary>
    private static void AssertSameChain(string source, string target, ulong head)
    {
        using var a = RocksDbKeyValueStore.OpenReadOnly(source);
        using var b = RocksDbKeyValueStore.OpenReadOnly(target);
        for (var n = 0UL; n <= head; n++)
        {
            Assert.Equal(CanonicalHash(a, n), CanonicalHash(b, n));
        }

        Assert.Equal(CanonicalHash(b, head).ToArray(), b.Get(Column.Meta, "head"u8));
    }
}
