using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc;

/// <summary>
/// Everything the JSON-RPC layer needs from a node. Ledger.Node implements it over the chain store, pool and
/// executor; tests implement it in memory. Keeping this seam narrow keeps the handlers thin.
/// </summary>
public interface ILedgerBackend
{
    ulong ChainId { get; }

    string ClientVersion { get; }

    ulong HeadNumber { get; }

    ulong BlockGasLimit { get; }

    Block? GetBlock(ulong number);

    Block? GetBlock(Hash32 hash);

    /// <summary>A page of a deposit token's holders with balances at the head, and the total; null when not served.</summary>
    TokenHolderPage? GetTokenHolders(Address token, ulong start, int count) => null;

    /// <summary>A committed block's header without its transactions; null if unknown.</summary>
    BlockHeader? GetHeader(ulong number) => GetBlock(number)?.Header;

    /// <summary>A committed block's header by hash; null if unknown.</summary>
    BlockHeader? GetHeader(Hash32 hash) => GetBlock(hash)?.Header;

    /// <summary>How many transactions a committed block holds; null if unknown.</summary>
    int? GetBlockTransactionCount(ulong number) => GetBlock(number)?.Transactions.Count;

    /// <summary>The transaction at an index of a committed block, with the block's header; null if either is unknown.</summary>
    (BlockHeader Header, SignedTransaction Transaction)? GetTransactionAt(ulong number, int index) =>
        GetBlock(number) is { } block && index >= 0 && index < block.Transactions.Count ? (block.Header, block.Transactions[index]) : null;

    /// <summary>Receipts of a committed block, in transaction order; null if the block is unknown.</summary>
    IReadOnlyList<Receipt>? GetReceipts(Hash32 blockHash);

    /// <summary>A committed transaction with its block and index, or null.</summary>
    TransactionLocation? FindTransaction(Hash32 transactionHash);

    /// <summary>A transaction still waiting in the pool, or null.</summary>
    SignedTransaction? FindPendingTransaction(Hash32 transactionHash);

    /// <summary>Decodes, checks and admits a raw signed transaction to the pool.</summary>
    SubmitResult Submit(ReadOnlySpan<byte> rawTransaction);

    /// <summary>Next nonce: committed state, or including pool transactions when <paramref name="pending"/>.</summary>
    ulong GetTransactionCount(Address account, bool pending);

    /// <summary>
    /// Nonce after an earlier block (eth_getTransactionCount with a number), or null when that state is no
    /// longer kept, which the RPC reports as a clear error. The default keeps only the latest state.
    /// </summary>
    ulong? GetTransactionCountAt(Address account, ulong blockNumber) => null;

    /// <summary>Executes a read-only call against the state after block <paramref name="blockNumber"/>.</summary>
    CallOutcome Call(CallRequest request, ulong blockNumber);

    IReadOnlyList<ModuleInfo> Modules { get; }

    IReadOnlyList<TokenInfo> Tokens { get; }

    /// <summary>Logs in blocks [fromBlock, toBlock] matching the filter, in chain order.</summary>
    IReadOnlyList<LogMatch> GetLogs(LogFilter filter);

    /// <summary>Committed blocks and admitted transactions, which filters and subscriptions follow.</summary>
    LedgerEvents Events { get; }

    /// <summary>
    /// A Merkle proof of <paramref name="account"/>'s balance in <paramref name="token"/> against the head block's
    /// state root, or null when this node cannot prove state (the default).
    /// </summary>
    BalanceProof? GetBalanceProof(Address account, Address token) => null;

    /// <summary>
    /// The same proof against the state root of block <paramref name="blockNumber"/> (at most the head). A block
    /// whose state is no longer kept throws a -32000 <see cref="JsonRpcException"/>; the default proves the head only.
    /// </summary>
    BalanceProof? GetBalanceProof(Address account, Address token, ulong blockNumber) =>
        blockNumber == HeadNumber
            ? GetBalanceProof(account, token)
            : throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, $"state of block {blockNumber} is not retained: this node proves the head state only");

    /// <summary>
    /// Executes the call with <paramref name="overrides"/> applied on top of that state (eth_call's third
    /// parameter). The default serves calls without overrides only.
    /// </summary>
    CallOutcome Call(CallRequest request, ulong blockNumber, IReadOnlyList<AccountOverride> overrides) =>
        overrides.Count == 0
            ? Call(request, blockNumber)
            : throw JsonRpcException.InvalidParams("invalid argument 2: this node does not support state overrides");

    /// <summary>A snapshot of the transactions waiting in the pool (txpool_status, pending filters).</summary>
    IReadOnlyList<SignedTransaction> PendingTransactions() => [];

    /// <summary>
    /// One page of the pool for txpool_content, txpool_inspect and eth_pendingTransactions: at most
    /// <paramref name="limit"/> transactions in (sender, nonce) order, strictly after <paramref name="after"/>
    /// (from the start when null). The default sorts a snapshot of <see cref="PendingTransactions()"/>.
    /// </summary>
    IReadOnlyList<SignedTransaction> PendingTransactions(PoolPosition? after, int limit) => PoolPosition.Page(PendingTransactions(), after, limit);

    /// <summary>Validators this node is connected to (net_peerCount); 0 for a single validator (the default).</summary>
    int PeerCount => 0;

    /// <summary>
    /// The validators in proposer order at <paramref name="blockNumber"/>, or null when the block is unknown. The set
    /// never changes after genesis, so every known block has the genesis set; the default knows no validators.
    /// </summary>
    IReadOnlyList<Address>? GetValidators(ulong blockNumber) => blockNumber <= HeadNumber ? [] : null;

    /// <summary>
    /// Where an acknowledged transaction stands. The default knows only committed and pending; a node with a pool that
    /// remembers drops overrides it.
    /// </summary>
    TransactionStatusInfo GetTransactionStatus(Hash32 transactionHash) =>
        FindTransaction(transactionHash) is { } location
            ? new TransactionStatusInfo(TransactionStatusKind.Committed, location)
            : FindPendingTransaction(transactionHash) is not null ? TransactionStatusInfo.Pending : TransactionStatusInfo.Unknown;

    /// <summary>Where consensus stands (ledger_consensusStatus), or null when the node does not report it (the default).</summary>
    ConsensusStatus? GetConsensusStatus() => null;

    /// <summary>
    /// A page of an account's records from the node's account index (ledger_getAccountHistory); a query it cannot
    /// answer throws <see cref="ArgumentException"/> with the reason. The default keeps no index.
    /// </summary>
    AccountHistoryPage GetAccountHistory(AccountHistoryQuery query) =>
        throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, "this node keeps no account index");
}

/// <summary>
/// A committed transaction found by hash: its block's header, position, receipt, and the number of logs the block's
/// earlier transactions emitted (receipts' log indexes count within the block).
/// </summary>
public sealed record TransactionLocation(BlockHeader Header, SignedTransaction Transaction, int Index, Receipt Receipt, int FirstLogIndex);

/// <summary>
/// Outcome of admission. <see cref="ErrorCode"/> follows EIP-1474 (-32000 invalid input / rejected,
/// -32602 invalid params, -32003 transaction rejected); <see cref="Error"/> is a sentence a developer can act on.
/// </summary>
public sealed record SubmitResult(bool Accepted, Hash32 Hash, int ErrorCode, string? Error)
{
    public static SubmitResult Ok(Hash32 hash) => new(true, hash, 0, null);

    public static SubmitResult Rejected(int code, string error, Hash32 hash = default) => new(false, hash, code, error);
}

public sealed record CallRequest(Address? From, Address? To, byte[] Data, ulong? Gas, UInt256 Value);

public sealed record CallOutcome(bool Success, byte[] Output, ulong GasUsed, string? RevertReason, string? Error = null);

public sealed record ModuleInfo(string Name, Address Address, string AbiJson);

public sealed record TokenInfo(Address Address, string Symbol, string Name, string Currency, byte Decimals, string Issuer);

/// <summary>
/// Logs of blocks [FromBlock, ToBlock] (or of one block by hash) matching <see cref="Criteria"/>: any of its
/// addresses, and per topic position i any topic (null) or one of Topics[i]. The criteria are compiled (hash
/// sets, bloom bits) once per query; a backend tests each block's bloom with <see cref="LogCriteria.MayMatch"/>.
/// </summary>
public sealed record LogFilter(ulong FromBlock, ulong ToBlock, LogCriteria Criteria, Hash32? BlockHash = null)
{
    public LogFilter(ulong fromBlock, ulong toBlock, IReadOnlyList<Address> addresses, IReadOnlyList<IReadOnlyList<Hash32>?> topics, Hash32? blockHash = null)
        : this(fromBlock, toBlock, new LogCriteria(addresses, topics), blockHash)
    {
    }

    public IReadOnlyList<Address> Addresses => Criteria.Addresses;

    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics => Criteria.Topics;

    /// <summary>The backend may stop after this many matches: the RPC refuses a query that reaches it (-32005).</summary>
    public int MaxResults { get; init; } = int.MaxValue;
}

public sealed record LogMatch(LogEntry Log, ulong BlockNumber, Hash32 BlockHash, Hash32 TransactionHash, int TransactionIndex, int LogIndex);

/// <summary>Holders of a token (in order of first credit) with their balances, and how many ever held it.</summary>
public sealed record TokenHolderPage(ulong Block, IReadOnlyList<(Address Account, UInt256 Balance)> Holders, ulong Total);
