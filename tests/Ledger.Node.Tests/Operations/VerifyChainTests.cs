using Ledger.Core.Chain;
using Ledger.Execution.Chain;
using Ledger.Node.Cli;
using Ledger.Node.Tests.Cli;
using Ledger.Node.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Rocks;
using static Ledger.Node.Tests.Operations.DataDirectoryEdits;

namespace Ledger.Node.Tests.Operations;

/// <summary><c>ledger verify-chain</c> on real data directories: a sound chain passes untouched, each kind of damage is named.</summary>
public sealed class VerifyChainTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    private string Data => _temp.File("data");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_sound_chain_verifies_with_a_summary_and_the_directory_is_left_byte_for_byte_unchanged()
    {
        Build(blocks: 6, transfersPerBlock: 5);
        var before = Fingerprint(Data);

        var code = await _cli.RunAsync("verify-chain", "--data", Data);

        Assert.True(code == 0, _cli.Output + _cli.Error);
        Assert.Contains("verify-chain: OK: blocks 0-6 of chain 4242 (head 6), 30 transactions", _cli.Output);
        Assert.Contains("the stored head state equals the replayed state", _cli.Output);
        Assert.Equal(before, Fingerprint(Data));
    }

    [Fact]
    public async Task A_block_whose_transactions_were_changed_on_disk_is_named()
    {
        Build(blocks: 4, transfersPerBlock: 3);
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            var hash = CanonicalHash(store, 3);
            var block = BlockCodec.Decode(store.Get(Column.Blocks, hash.ToArray()));
            var other = new CertifiedChain(new Storage.Memory.MemoryKeyValueStore()).Transfer(7, 8, 999);
            Put(store, Column.Blocks, hash.ToArray(), BlockCodec.Encode(block with { Transactions = [block.Transactions[0], other, block.Transactions[2]] }));
        }

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("verify-chain", "--data", Data));

        Assert.Contains("verify-chain: FAILED at block 3: block 3 transactions hash to root", _cli.Output);
        Assert.Contains("blocks 0-2 verified before the fault", _cli.Output);
    }

    [Fact]
    public async Task A_certificate_short_of_a_quorum_is_named_and_a_later_from_skips_its_check()
    {
        Build(blocks: 3, transfersPerBlock: 1);
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            var hash = CanonicalHash(store, 2);
            var block = BlockCodec.Decode(store.Get(Column.Blocks, hash.ToArray()));
            var certificate = block.Certificate!;
            Put(store, Column.Blocks, hash.ToArray(), BlockCodec.Encode(block with { Certificate = certificate with { Seals = [certificate.Seals[0]] } }));
        }

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("verify-chain", "--data", Data));
        Assert.Contains("FAILED at block 2: block 2 has an invalid commit certificate: 1 seals, but a quorum of 4 validators is 3", _cli.Output);

        Assert.Equal(0, await _cli.RunAsync("verify-chain", "--data", Data, "--from", "3"));
        Assert.Contains("commit certificates and signatures from block 3", _cli.Output);
    }

    [Fact]
    public async Task A_receipt_changed_on_disk_is_named_with_its_block_and_transaction()
    {
        Build(blocks: 4, transfersPerBlock: 3);
        Core.Primitives.Hash32 transaction;
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            var hash = CanonicalHash(store, 2);
            var receipts = ReceiptCodec.DecodeList(store.Get(Column.Receipts, hash.ToArray()));
            transaction = receipts[1].TransactionHash;
            var changed = receipts.Select((r, i) => i == 1 ? r with { GasUsed = r.GasUsed + 1 } : r).ToList();
            Put(store, Column.Receipts, hash.ToArray(), ReceiptCodec.EncodeList(changed));
        }

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("verify-chain", "--data", Data));

        Assert.Contains($"FAILED at block 2: block 2: stored receipt 1 (transaction {transaction}) differs: stored gas used", _cli.Output);
    }

    [Fact]
    public async Task A_state_value_changed_on_disk_is_named_with_its_namespace_and_key()
    {
        var token = Build(blocks: 3, transfersPerBlock: 2).Token;
        string key;
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            var (rowKey, value) = FirstValueOf(store, token);
            key = Convert.ToHexStringLower(rowKey.AsSpan(21));
            Put(store, Column.State, rowKey, [.. value, 0x01]);
        }

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("verify-chain", "--data", Data));

        Assert.Contains($"FAILED at the chain's head: state after head block 3: the value of key 0x{key} in namespace {token} is stored as", _cli.Output);
        Assert.Contains("blocks 0-3 verified before the fault", _cli.Output);
    }

    [Fact]
    public async Task Certificates_are_checked_against_the_validator_set_of_their_own_height()
    {
        var removed = CertifiedChain.Validator(3);
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            var chain = new CertifiedChain(store);
            chain.Produce([.. Enumerable.Range(0, 3).Select(v => chain.VoteRemove(v, removed))]);
            Assert.Equal(3, chain.ValidatorsAt(2).Count);
            chain.ProduceTransfers(blocks: 3, transfersPerBlock: 2);
        }

        Assert.True(await _cli.RunAsync("verify-chain", "--data", Data) == 0, _cli.Output + _cli.Error);

        // Block 3 re-sealed by validator 0 and the removed validator: a quorum of the genesis set, not of block 3's set.
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            var hash = CanonicalHash(store, 3);
            var block = BlockCodec.Decode(store.Get(Column.Blocks, hash.ToArray()));
            Put(store, Column.Blocks, hash.ToArray(), BlockCodec.Encode(block with { Certificate = CertifiedChain.Seal(hash, 0, [CertifiedChain.Validator(0), removed]) }));
        }

        Assert.Equal(OperatorCommands.FailedExitCode, await _cli.RunAsync("verify-chain", "--data", Data));
        Assert.Contains($"FAILED at block 3: block 3 has an invalid commit certificate: seal 1 is from {removed}, which is not a validator of this block", _cli.Output);
    }

    [Fact]
    public async Task To_before_the_head_checks_that_range_only_and_to_after_the_head_is_a_setup_error()
    {
        Build(blocks: 4, transfersPerBlock: 1);

        Assert.Equal(0, await _cli.RunAsync("verify-chain", "--data", Data, "--to", "2"));
        Assert.Contains("OK: blocks 0-2 of chain 4242 (head 4)", _cli.Output);
        Assert.Contains("the stored state was not compared (--to 2 is before the head 4)", _cli.Output);

        Assert.Equal(LedgerCli.SetupErrorExitCode, await _cli.RunAsync("verify-chain", "--data", Data, "--to", "9"));
        Assert.Contains("--to 9 is after the head of this chain (block 4)", _cli.Error);
    }

    [Fact]
    public async Task A_format_1_directory_needs_the_genesis_file_and_verifies_with_it()
    {
        var genesis = Build(blocks: 2, transfersPerBlock: 1).Genesis;
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            using var batch = store.CreateBatch();
            batch.Put(Column.Meta, "schema"u8, [0, 0, 0, 1]);
            batch.Delete(Column.Meta, "genesisDocument"u8);
            store.Write(batch, sync: true);
        }

        Assert.Equal(LedgerCli.SetupErrorExitCode, await _cli.RunAsync("verify-chain", "--data", Data));
        Assert.Contains("format 1 and does not record its genesis: pass --genesis FILE", _cli.Error);

        var genesisFile = _temp.File("genesis.json");
        await File.WriteAllTextAsync(genesisFile, genesis.ToJson());
        Assert.True(await _cli.RunAsync("verify-chain", "--data", Data, "--genesis", genesisFile) == 0, _cli.Output + _cli.Error);
    }

    [Fact]
    public async Task A_directory_of_a_newer_format_is_refused_unread()
    {
        Build(blocks: 1, transfersPerBlock: 1);
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            Put(store, Column.Meta, "schema"u8.ToArray(), [0, 0, 0, (byte)(ChainFormat.Current + 1)]);
        }

        Assert.Equal(LedgerCli.SetupErrorExitCode, await _cli.RunAsync("verify-chain", "--data", Data));
        Assert.Contains($"format version {ChainFormat.Current + 1} is newer than this ledger supports", _cli.Error);
    }

    private CertifiedChain Build(int blocks, int transfersPerBlock)
    {
        using var store = RocksDbKeyValueStore.Open(Data);
        var chain = new CertifiedChain(store);
        chain.ProduceTransfers(blocks, transfersPerBlock);
        return chain;
    }
}
