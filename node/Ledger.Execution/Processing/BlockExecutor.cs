using Ledger.Core.Chain;
using Ledger.Core.Transactions;
using Ledger.Execution.Modules;
using Ledger.Execution.State;

namespace Ledger.Execution.Processing;

/// <summary>
/// Executes blocks deterministically (neo's Blockchain.Persist, nethermind's BlockProcessor): each transaction
/// runs in its own staging overlay over the block's overlay over the committed parent state; a success folds
/// its writes and logs into the block, a revert keeps only the sender's nonce increment. Stateless between
/// calls, so one instance may serve the producer, validators and eth_call concurrently.
/// </summary>
public sealed partial class BlockExecutor
{
    private readonly ModuleRegistry _registry;
    private readonly ulong _chainId;

    public BlockExecutor(ModuleRegistry registry, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _chainId = chainId;
    }

    public ulong ChainId => _chainId;

    public ModuleRegistry Registry => _registry;

    /// <summary>Told about every module exception turned into a revert (the node logs it; it is a module bug).</summary>
    public Action<IModule, Exception>? OnModuleFault { get; init; }

    /// <summary>
    /// Executes a block's transactions on <paramref name="parent"/> (a committed state, e.g. ChainStore.LatestState).
    /// Throws <see cref="InvalidBlockException"/> if a transaction breaks a validity rule (nonce, chain id,
    /// gas limit below its intrinsic gas (21,000 + calldata) or above what is left in the block).
    /// </summary>
    public BlockExecutionResult Execute(IStateView parent, BlockContext context, IReadOnlyList<SignedTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return ExecuteCore(parent, context, transactions, rejected: null).Result;
    }

    /// <summary>
    /// Builds a block for a proposal from pool candidates: a candidate that would make the block invalid is
    /// left out (with its reason) instead of failing the block; one that does not fit the remaining gas is
    /// left for a later block. At most <paramref name="maxTransactions"/> are included.
    /// </summary>
    public BlockBuildResult Build(IStateView parent, BlockContext context, IEnumerable<SignedTransaction> candidates, int maxTransactions = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var rejected = new List<RejectedTransaction>();
        var (included, result) = ExecuteCore(parent, context, candidates, rejected, maxTransactions);
        return new BlockBuildResult(included, result, rejected);
    }

    private (IReadOnlyList<SignedTransaction> Included, BlockExecutionResult Result) ExecuteCore(
        IStateView parent, BlockContext context, IEnumerable<SignedTransaction> transactions, List<RejectedTransaction>? rejected, int maxTransactions = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(context);
        if (parent is not IStateRootSource rootSource)
        {
            throw new ArgumentException("the parent state must be a committed state that can compute a state root (ChainStore.LatestState)", nameof(parent));
        }

        if (context.ChainId != _chainId)
        {
            throw new ArgumentException($"block context is for chain {context.ChainId}, this executor for chain {_chainId}", nameof(context));
        }

        var strict = rejected is null;
        var block = new StagingOverlay(parent);
        var included = new List<SignedTransaction>();
        var receipts = new List<Receipt>();
        var bloom = Bloom.Empty();
        ulong cumulative = 0;
        foreach (var tx in transactions)
        {
            if (included.Count >= maxTransactions || context.GasLimit - cumulative < GasSchedule.Intrinsic)
            {
                if (strict)
                {
                    throw new InvalidBlockException(context.Number, included.Count, tx.Hash, "the block has no gas left for another transaction");
                }

                break;
            }

            var invalid = CheckValidity(block, tx, context.GasLimit - cumulative, out var nonce);
            if (invalid is not null)
            {
                if (strict)
                {
                    throw new InvalidBlockException(context.Number, included.Count, tx.Hash, invalid);
                }

                rejected!.Add(new RejectedTransaction(tx, invalid));
                continue;
            }

            // The nonce is spent whatever the outcome: a reverted transaction still occupies its nonce.
            block.SetNonce(tx.Sender, nonce + 1);
            var txOverlay = new StagingOverlay(block);
            var outcome = Run(txOverlay, context, tx.Sender, tx.To, tx.Data, tx.Value, tx.GasLimit, isReadOnly: false);
            if (outcome.Success)
            {
                txOverlay.MergeInto(block);
                foreach (var log in outcome.Logs)
                {
                    Bloom.Add(bloom, log);
                }
            }

            cumulative += outcome.GasUsed;
            receipts.Add(new Receipt
            {
                TransactionHash = tx.Hash,
                Success = outcome.Success,
                GasUsed = outcome.GasUsed,
                CumulativeGasUsed = cumulative,
                Logs = outcome.Logs,
                RevertData = outcome.Success ? [] : outcome.Output,
                Output = outcome.Success ? outcome.Output : [],
            });
            included.Add(tx);
        }

        var changes = block.ToChangeSet();
        var update = rootSource.PrepareStateRoot(changes);
        var result = new BlockExecutionResult
        {
            Receipts = receipts,
            GasUsed = cumulative,
            LogsBloom = bloom,
            Changes = changes,
            StateRoot = update.Root,
            TransactionsRoot = MerkleRoot.OfTransactions(included),
            ReceiptsRoot = MerkleRoot.OfReceipts(receipts),
            TreeUpdate = update,
        };
        return (included, result);
    }

    /// <summary>The block-validity rules of one transaction; null if it may be executed.</summary>
    private string? CheckValidity(StagingOverlay block, SignedTransaction tx, ulong gasLeft, out ulong nonce)
    {
        nonce = 0;
        if (!tx.HasSender)
        {
            // Senders are recovered once at admission (or when a proposal is decoded); reaching here without one is a bug.
            throw new InvalidOperationException($"transaction {tx.Hash} has no recovered sender");
        }

        if (tx.ChainId != _chainId)
        {
            return $"chain id {tx.ChainId} does not match this chain ({_chainId})";
        }

        nonce = block.GetNonce(tx.Sender);
        if (tx.Nonce != nonce)
        {
            return $"nonce {tx.Nonce} of sender {tx.Sender} is not its next nonce {nonce}";
        }

        if (nonce == ulong.MaxValue)
        {
            return $"sender {tx.Sender} has used every nonce";
        }

        var intrinsic = GasSchedule.IntrinsicGas(tx);
        if (tx.GasLimit < intrinsic)
        {
            return $"gas limit {tx.GasLimit} is below the intrinsic gas {intrinsic} (21000 + calldata)";
        }

        if (tx.GasLimit > gasLeft)
        {
            return $"gas limit {tx.GasLimit} exceeds the gas left in the block ({gasLeft})";
        }

        return null;
    }
}
