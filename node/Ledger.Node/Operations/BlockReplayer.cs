using Ledger.Contracts.Validators;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Processing;
using Ledger.Network.Sync;

namespace Ledger.Node.Operations;

/// <summary>
/// Verifies certified blocks one after the other on top of a chain's head and commits them: what block sync checks
/// (<see cref="SyncBlockVerifier"/>: decoding, height, parent link, the commit certificate against the validator set of
/// that height, the transactions root, every signature re-recovered), the header rules a validator applies to a
/// proposal (validator-set hash, gas limit, timestamp order, transaction count), then re-execution on the head state,
/// whose receipts, gas, bloom and state root must be exactly the header's. <c>ledger import</c> commits into the node's
/// own store; <c>ledger verify-chain</c> into a scratch store, comparing the stored records as it goes.
/// </summary>
public sealed class BlockReplayer
{
    private readonly ChainStore _chain;
    private readonly BlockExecutor _executor;
    private readonly ValidatorSetHistory? _history;
    private readonly IEcdsa _ecdsa;

    /// <param name="chain">An open chain store; blocks are verified against and committed onto its head.</param>
    public BlockReplayer(ChainStore chain, IEcdsa ecdsa)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(ecdsa);
        _chain = chain;
        _ecdsa = ecdsa;
        _executor = new BlockExecutor(chain.Registry, chain.Genesis.ChainId);
        _history = ValidatorSetHistory.FromGenesis(chain.Genesis);
    }

    public ChainStore Chain => _chain;

    /// <summary>The validators that certify block <paramref name="height"/> (at most head + 1), read from the replayed state.</summary>
    public IReadOnlyList<Address> ValidatorsAt(ulong height)
    {
        var validators = _history is null ? _chain.Genesis.Validators : _history.At(_chain.LatestState, height);
        return [.. validators.Select(v => v.Address)];
    }

    /// <summary>
    /// Verifies <paramref name="encoded"/> as the next block and re-executes it; throws <see cref="BlockReplayException"/>
    /// naming the first fault. With <paramref name="checkSeals"/> false (a trusted prefix of verify-chain --from) the
    /// certificate is not checked and the stored senders are used instead of recovering them; everything else is.
    /// </summary>
    public ReplayedBlock Verify(ReadOnlySpan<byte> encoded, bool checkSeals = true)
    {
        var parent = _chain.Head.Header;
        var height = parent.Number + 1;
        var validators = ValidatorsAt(height);
        Block block;
        try
        {
            block = checkSeals
                ? SyncBlockVerifier.Verify(encoded, height, parent.Hash, validators, _ecdsa)
                : DecodeTrusted(encoded, height, parent.Hash);
        }
        catch (BlockSyncException ex)
        {
            throw new BlockReplayException(height, ex.Message, ex);
        }

        CheckTransactionCount(block);
        CheckHeaderRules(block.Header, parent, validators);
        var header = block.Header;
        var context = new BlockContext(header.Number, header.TimestampMs, header.Proposer, header.GasLimit, _chain.Genesis.ChainId);
        BlockExecutionResult result;
        try
        {
            result = _executor.Execute(_chain.LatestState, context, block.Transactions);
        }
        catch (InvalidBlockException ex)
        {
            throw new BlockReplayException(height, $"block {height} does not re-execute: {ex.Message}", ex);
        }

        if (result.FindMismatch(header) is { } mismatch)
        {
            throw new BlockReplayException(height, $"block {height} re-executes to a different result: {mismatch}");
        }

        return new ReplayedBlock(block, result);
    }

    /// <summary>Commits a block <see cref="Verify"/> returned (one synced batch, as every commit).</summary>
    public void Commit(ReplayedBlock replayed)
    {
        ArgumentNullException.ThrowIfNull(replayed);
        _chain.Commit(replayed.Block, replayed.Result);
    }

    /// <summary>The rules of ConsensusDriver.CheckProposal that do not depend on the clock or the local pool.</summary>
    private void CheckHeaderRules(BlockHeader header, BlockHeader parent, IReadOnlyList<Address> validators)
    {
        var consensus = _chain.Genesis.Consensus;
        var expectedSet = ValidatorSet.ComputeHash(validators);
        if (header.ValidatorSetHash != expectedSet)
        {
            Fail(header, $"validator set hash {header.ValidatorSetHash} is not {expectedSet}, the hash of the validators of block {header.Number}");
        }

        if (header.GasLimit != consensus.BlockGasLimit)
        {
            Fail(header, $"gas limit {header.GasLimit} is not the genesis block gas limit {consensus.BlockGasLimit}");
        }

        if (header.TimestampMs <= parent.TimestampMs)
        {
            Fail(header, $"timestamp {header.TimestampMs} is not after its parent's ({parent.TimestampMs})");
        }
    }

    private void CheckTransactionCount(Block block)
    {
        var limit = _chain.Genesis.Consensus.MaxTransactionsPerBlock;
        if (block.Transactions.Count > limit)
        {
            Fail(block.Header, $"{block.Transactions.Count} transactions exceed the genesis limit of {limit} per block");
        }
    }

    private static Block DecodeTrusted(ReadOnlySpan<byte> encoded, ulong height, Hash32 parentHash)
    {
        Block block;
        try
        {
            block = BlockCodec.Decode(encoded);
        }
        catch (FormatException ex)
        {
            throw new BlockSyncException($"block {height} is malformed: {ex.Message}", ex);
        }

        if (block.Header.Number != height || block.Header.ParentHash != parentHash)
        {
            throw new BlockSyncException($"block {height} does not link to block {height - 1} ({parentHash}): it is block {block.Header.Number} with parent {block.Header.ParentHash}");
        }

        var root = MerkleRoot.OfTransactions(block.Transactions);
        if (root != block.Header.TransactionsRoot)
        {
            throw new BlockSyncException($"block {height} transactions hash to root {root}, but the header commits to {block.Header.TransactionsRoot}");
        }

        if (block.Transactions.FirstOrDefault(t => !t.HasSender) is { } unsigned)
        {
            throw new BlockSyncException($"block {height} transaction {unsigned.Hash} has no stored sender");
        }

        return block;
    }

    private static void Fail(BlockHeader header, string what) =>
        throw new BlockReplayException(header.Number, $"block {header.Number} breaks a header rule: {what}");
}
