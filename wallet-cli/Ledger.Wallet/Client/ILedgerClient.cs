using Ledger.Api.V1;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Client;

/// <summary>
/// What the wallet asks of a node, in api.proto's messages: over gRPC (<c>--node</c>) or JSON-RPC (<c>--rpc</c>).
/// Failures are <see cref="Cli.WalletException"/>s with the right exit code (unreachable, rejected).
/// </summary>
public interface ILedgerClient : IDisposable
{
    /// <summary>The node as the user named it, for messages.</summary>
    string Endpoint { get; }

    Task<ChainInfo> GetChainInfoAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Token>> GetTokensAsync(CancellationToken cancellationToken);

    Task<Account> GetAccountAsync(Address address, CancellationToken cancellationToken);

    /// <summary>Submits a signed transaction; a rejection is a <see cref="Cli.ExitCodes.Rejected"/> error.</summary>
    Task<Hash32> SubmitAsync(byte[] rawTransaction, CancellationToken cancellationToken);

    /// <summary>Waits until the transaction is in a block; <paramref name="onPending"/> runs while it waits.</summary>
    Task<TransactionReceipt> WaitForReceiptAsync(Hash32 hash, Action? onPending, CancellationToken cancellationToken);

    /// <summary>The status now, or null when the node knows no such transaction.</summary>
    Task<TransactionStatus?> GetTransactionAsync(Hash32 hash, CancellationToken cancellationToken);

    /// <summary>A block by number, or the head when <paramref name="number"/> is null.</summary>
    Task<BlockInfo> GetBlockAsync(ulong? number, CancellationToken cancellationToken);

    /// <summary>The node's modules (name, address, ABI JSON).</summary>
    Task<IReadOnlyList<Module>> GetModulesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A read-only call (eth_call) against the head state. A revert is an answer (Success = false with the reason),
    /// not an exception: views such as <c>identityOf</c> revert for unknown accounts.
    /// </summary>
    Task<CallResponse> ViewAsync(Address? from, Address to, byte[] data, CancellationToken cancellationToken);

    /// <summary>
    /// A page of an account's history from the node's account index (gRPC GetHistory, or ledger_getAccountHistory over
    /// JSON-RPC, answered in the same messages): filters, cursor (page_token) or page number with its as_of_block.
    /// </summary>
    Task<GetHistoryResponse> GetHistoryAsync(GetHistoryRequest request, CancellationToken cancellationToken);
}
