using System.Reflection;
using System.Runtime.InteropServices;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

/// <summary>
/// The node as JSON-RPC sees it: committed data from the <see cref="ChainStore"/>, pending transactions from the
/// <see cref="TransactionPool"/>, simulated calls through the <see cref="BlockExecutor"/>, tokens from genesis and
/// modules from the registry. Thread-safe: every member may be called from many request threads.
/// </summary>
public sealed partial class LedgerBackend : ILedgerBackend
{
    private readonly ChainStore _chain;
    private readonly TransactionPool _pool;
    private readonly BlockExecutor _executor;
    private readonly Action? _onAdmitted;
    private readonly ModuleInfo[] _modules;
    private readonly TokenInfo[] _tokens;

    /// <param name="onAdmitted">Called after each admission (the block producer's wake-up signal).</param>
    public LedgerBackend(ChainStore chain, TransactionPool pool, BlockExecutor executor, Action? onAdmitted = null)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _onAdmitted = onAdmitted;
        _modules = [.. chain.Registry.All.Select(m => new ModuleInfo(m.Name, m.Address, m.AbiJson))];
        _tokens = [.. chain.Genesis.Tokens.Select(t => new TokenInfo(t.Address, t.Symbol, t.Name, t.Currency, t.Decimals, t.Issuer))];
        chain.BlockCommitted += OnBlockCommitted;
        pool.Admitted += OnPoolAdmitted;
    }

    public static string Version { get; } =
        typeof(LedgerBackend).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public ulong ChainId => _chain.Genesis.ChainId;

    /// <summary>geth-style: name/version/platform/runtime.</summary>
    public string ClientVersion { get; } = $"Ledger/v{Version}/{RuntimeInformation.RuntimeIdentifier}/dotnet{Environment.Version}";

    public ulong HeadNumber => _chain.HeadNumber;

    public ulong BlockGasLimit => _chain.Genesis.Consensus.BlockGasLimit;

    public IReadOnlyList<ModuleInfo> Modules => _modules;

    public IReadOnlyList<TokenInfo> Tokens => _tokens;

    public Block? GetBlock(ulong number)
    {
        EnsureStored(number);
        return _chain.GetBlock(number);
    }

    public Block? GetBlock(Hash32 hash) => _chain.GetBlock(hash);

    public IReadOnlyList<Receipt>? GetReceipts(Hash32 blockHash) => _chain.GetReceipts(blockHash);

    // Header, count and single-transaction reads decode only what they return: a block holds thousands of
    // transactions, and explorers ask for these per block (docs/console.md "Performance").
    public BlockHeader? GetHeader(ulong number) => _chain.GetHeader(number);

    public BlockHeader? GetHeader(Hash32 hash) => _chain.GetHeader(hash);

    public int? GetBlockTransactionCount(ulong number) => _chain.GetTransactionCount(number);

    public (BlockHeader Header, SignedTransaction Transaction)? GetTransactionAt(ulong number, int index) => _chain.GetTransactionAt(number, index);

    public TransactionLocation? FindTransaction(Hash32 transactionHash) =>
        _chain.FindTransaction(transactionHash) is { } found ? new TransactionLocation(found.Header, found.Transaction, found.Index, found.Receipt, found.FirstLogIndex) : null;

    public SignedTransaction? FindPendingTransaction(Hash32 transactionHash) => _pool.Find(transactionHash);

    public SubmitResult Submit(ReadOnlySpan<byte> rawTransaction)
    {
        var admitted = _pool.Admit(rawTransaction);
        if (!admitted.IsAccepted)
        {
            return SubmitResult.Rejected(ErrorCodeOf(admitted.Error), admitted.Message ?? "transaction rejected", admitted.Hash);
        }

        if (admitted.Transaction is { } transaction)
        {
            TransactionSubmitted?.Invoke(transaction);
        }

        _onAdmitted?.Invoke();
        return SubmitResult.Ok(admitted.Hash);
    }

    public ulong GetTransactionCount(Address account, bool pending) =>
        pending ? _pool.PendingNonce(account) : _chain.LatestState.GetNonce(account);

    public ulong? GetTransactionCountAt(Address account, ulong blockNumber)
    {
        try
        {
            return _chain.StateAt(blockNumber).GetNonce(account);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// geth's codes: every refused transaction is -32000 with the reason, which clients match on ("nonce too
    /// low", "already known"); undecodable bytes are invalid params; a full pool is a rejection to retry.
    /// </summary>
    private static int ErrorCodeOf(AdmissionError error) => error switch
    {
        AdmissionError.TooLarge or AdmissionError.Malformed => JsonRpcErrorCode.InvalidParams,
        AdmissionError.PoolFull => JsonRpcErrorCode.TransactionRejected,
        _ => JsonRpcErrorCode.InvalidInput,
    };
}
