using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc.Tests.Fakes;

/// <summary>
/// An in-memory node over a <see cref="TestChain"/>. Calls: the echo module returns its input (gas 21,000 +
/// 500), the reverter reverts with "user error", anything else fails with "no module". Submit decodes the
/// raw transaction and admits it unless its nonce is already used.
/// </summary>
public sealed class FakeLedgerBackend : ILedgerBackend
{
    public const string TokenAbi = """[{"type":"function","name":"balanceOf","stateMutability":"view","inputs":[{"name":"account","type":"address"}],"outputs":[{"name":"","type":"uint256"}]}]""";

    private readonly Dictionary<Hash32, SignedTransaction> _pending = [];
    private readonly Lock _lock = new();

    public FakeLedgerBackend(TestChain chain)
    {
        Chain = chain;
        _pending[chain.Pending.Hash] = chain.Pending;
    }

    public TestChain Chain { get; }

    public LedgerEvents Events { get; } = new();

    /// <summary>What GetBalanceProof answers (null: this node serves no proofs).</summary>
    public Func<Address, Address, BalanceProof?> Proofs { get; set; } = (_, _) => null;

    public BalanceProof? GetBalanceProof(Address account, Address token) => Proofs(account, token);

    /// <summary>What ledger_getAccountHistory answers (null: this node keeps no account index); the last query it was asked.</summary>
    public Func<AccountHistoryQuery, AccountHistoryPage>? History { get; set; }

    public AccountHistoryQuery? LastHistoryQuery { get; private set; }

    public AccountHistoryPage GetAccountHistory(AccountHistoryQuery query)
    {
        LastHistoryQuery = query;
        return History is { } history ? history(query) : throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, "this node keeps no account index");
    }

    /// <summary>What net_peerCount reports.</summary>
    public int PeerCount { get; set; }

    /// <summary>The validator set every known block reports.</summary>
    public IReadOnlyList<Address> Validators { get; set; } = [TestChain.SenderA];

    /// <summary>What ledger_consensusStatus reports (null: this node does not report it).</summary>
    public ConsensusStatus? Status { get; set; }

    public IReadOnlyList<Address>? GetValidators(ulong blockNumber) => blockNumber <= HeadNumber ? Validators : null;

    public ConsensusStatus? GetConsensusStatus() => Status;

    public IReadOnlyList<SignedTransaction> PendingTransactions()
    {
        lock (_lock)
        {
            return [.. _pending.Values];
        }
    }

    /// <summary>Commits a block with <paramref name="txs"/> (each with one receipt carrying <paramref name="logs"/>) and publishes it.</summary>
    public Block CommitBlock(IReadOnlyList<SignedTransaction> txs, params LogEntry[] logs)
    {
        Block block;
        IReadOnlyList<Receipt> receipts;
        lock (_lock)
        {
            receipts = [.. txs.Select(tx => TestChain.SuccessReceipt(tx, logs))];
            block = Chain.Add(txs, receipts);
            foreach (var tx in txs)
            {
                _pending.Remove(tx.Hash);
            }
        }

        Events.PublishBlock(block, receipts);
        return block;
    }

    public ulong ChainId => TestChain.ChainId;

    public string ClientVersion => "ledger/test";

    public ulong HeadNumber => (ulong)Chain.Blocks.Count - 1;

    public ulong BlockGasLimit => 1_000_000;

    public List<(CallRequest Request, ulong Block)> Calls { get; } = [];

    public IReadOnlyList<ModuleInfo> Modules { get; } =
    [
        new("DepositToken:USDA", TestChain.Token, TokenAbi),
        new("Echo", TestChain.Echo, "[]"),
    ];

    public IReadOnlyList<TokenInfo> Tokens { get; } =
    [
        new(TestChain.Token, "USDA", "Bank A US Dollar", "USD", 2, "BankA"),
    ];

    public Block? GetBlock(ulong number) => number < (ulong)Chain.Blocks.Count ? Chain.Blocks[(int)number] : null;

    public Block? GetBlock(Hash32 hash) => Chain.Blocks.Find(b => b.Header.Hash == hash);

    public IReadOnlyList<Receipt>? GetReceipts(Hash32 blockHash) => Chain.Receipts.GetValueOrDefault(blockHash);

    public TransactionLocation? FindTransaction(Hash32 transactionHash)
    {
        foreach (var block in Chain.Blocks)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                if (block.Transactions[i].Hash == transactionHash)
                {
                    var receipts = Chain.Receipts[block.Header.Hash];
                    var logsBefore = receipts.Take(i).Sum(r => r.Logs.Count);
                    return new TransactionLocation(block.Header, block.Transactions[i], i, receipts[i], logsBefore);
                }
            }
        }

        return null;
    }

    public SignedTransaction? FindPendingTransaction(Hash32 transactionHash)
    {
        lock (_lock)
        {
            return _pending.GetValueOrDefault(transactionHash);
        }
    }

    public SubmitResult Submit(ReadOnlySpan<byte> rawTransaction)
    {
        SignedTransaction tx;
        try
        {
            tx = TransactionDecoder.Decode(rawTransaction);
        }
        catch (TransactionFormatException e)
        {
            return SubmitResult.Rejected(JsonRpcErrorCode.InvalidInput, e.Message);
        }

        if (!TransactionSigner.TryRecoverSender(tx, Core.Crypto.Ecdsa.Default, out var error))
        {
            return SubmitResult.Rejected(JsonRpcErrorCode.InvalidInput, error ?? "invalid signature");
        }

        var next = GetTransactionCount(tx.Sender, pending: false);
        if (tx.Nonce < next)
        {
            return SubmitResult.Rejected(JsonRpcErrorCode.InvalidInput, $"nonce too low: next nonce {next}, tx nonce {tx.Nonce}", tx.Hash);
        }

        lock (_lock)
        {
            _pending[tx.Hash] = tx;
        }

        Events.PublishPending(tx);
        return SubmitResult.Ok(tx.Hash);
    }

    public ulong GetTransactionCount(Address account, bool pending)
    {
        ulong count = 0;
        foreach (var block in Chain.Blocks)
        {
            foreach (var tx in block.Transactions)
            {
                if (tx.Sender == account)
                {
                    count++;
                }
            }
        }

        if (pending)
        {
            // As the node's pool: only transactions without a nonce gap count.
            lock (_lock)
            {
                var nonces = _pending.Values.Where(t => t.Sender == account).Select(t => t.Nonce).ToHashSet();
                while (nonces.Contains(count))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Keeps the state of block 1 only, to exercise both answers of the historical-nonce seam.</summary>
    public ulong? GetTransactionCountAt(Address account, ulong blockNumber) =>
        blockNumber == 1 ? (ulong)Chain.Blocks[1].Transactions.Count(t => t.Sender == account) : null;

    /// <summary>The state overrides of every call that had some, in call order.</summary>
    public List<IReadOnlyList<AccountOverride>> Overrides { get; } = [];

    public CallOutcome Call(CallRequest request, ulong blockNumber, IReadOnlyList<AccountOverride> overrides)
    {
        lock (_lock)
        {
            Overrides.Add(overrides);
        }

        return Call(request, blockNumber);
    }

    public CallOutcome Call(CallRequest request, ulong blockNumber)
    {
        lock (_lock)
        {
            Calls.Add((request, blockNumber));
        }

        if (request.To == TestChain.Echo)
        {
            return new CallOutcome(true, request.Data, 21_500, null);
        }

        if (request.To == TestChain.Reverter)
        {
            return new CallOutcome(false, TestChain.RevertData, 21_000, "user error");
        }

        return new CallOutcome(false, [], 0, null, $"no module at address {request.To}");
    }

    public IReadOnlyList<LogMatch> GetLogs(LogFilter filter)
    {
        var matches = new List<LogMatch>();
        for (var number = filter.FromBlock; number <= filter.ToBlock && number < (ulong)Chain.Blocks.Count; number++)
        {
            var block = Chain.Blocks[(int)number];
            var receipts = Chain.Receipts[block.Header.Hash];
            var logIndex = 0;
            for (var t = 0; t < receipts.Count; t++)
            {
                foreach (var log in receipts[t].Logs)
                {
                    if (Matches(filter, log) && matches.Count < filter.MaxResults)
                    {
                        matches.Add(new LogMatch(log, number, block.Header.Hash, block.Transactions[t].Hash, t, logIndex));
                    }

                    logIndex++;
                }
            }
        }

        return matches;
    }

    private static bool Matches(LogFilter filter, LogEntry log)
    {
        if (filter.Addresses.Count > 0 && !filter.Addresses.Contains(log.Address))
        {
            return false;
        }

        for (var i = 0; i < filter.Topics.Count; i++)
        {
            var wanted = filter.Topics[i];
            if (wanted is not null && (i >= log.Topics.Count || !wanted.Contains(log.Topics[i])))
            {
                return false;
            }
        }

        return true;
    }
}
