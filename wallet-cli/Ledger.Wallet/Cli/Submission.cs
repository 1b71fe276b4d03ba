using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Wallet.Keys;
using Ledger.Wallet.Outbox;

namespace Ledger.Wallet.Cli;

/// <summary>
/// Sending a signed transaction and seeing it through, with the outbox kept right: recorded before it leaves, forgotten
/// once it is final or can never commit. A node that refuses it outright never acknowledged it, so it is forgotten too;
/// one that cannot be reached may still have it, so it stays (<c>tx status</c> / <c>tx resend</c>).
/// </summary>
internal static class Submission
{
    public static async Task<Hash32> SendAsync(WalletSession session, StoredAccount account, byte[] raw, string summary, CancellationToken ct)
    {
        var transaction = TransactionDecoder.Decode(raw);
        var outbox = new SentTransactions(session.Store.Directory);
        outbox.Add(new SentTransaction(transaction.Hash, account.Address, transaction.Nonce, transaction.ChainId, raw, DateTimeOffset.UtcNow, summary));
        try
        {
            return await session.Client.SubmitAsync(raw, ct).ConfigureAwait(false);
        }
        catch (WalletException ex) when (ex.ExitCode == ExitCodes.Rejected)
        {
            outbox.Remove(transaction.Hash);
            throw;
        }
    }

    /// <summary>
    /// The nonce to sign with: the node's pending nonce, unless this wallet's outbox shows it signed later nonces the node
    /// does not report (a node that lost them, or lies) — then the first nonce after them
    /// (<see cref="SentTransactions.NextNonce"/>), so an earlier payment is never replaced.
    /// </summary>
    public static ulong NextNonce(WalletSession session, Address from, ulong chainId, Account state) =>
        Math.Max(state.PendingNonce, new SentTransactions(session.Store.Directory).NextNonce(from, chainId, state.Nonce));

    public static async Task<TransactionReceipt> WaitAsync(WalletSession session, Hash32 hash, Action? onPending, CancellationToken ct)
    {
        try
        {
            var receipt = await session.Client.WaitForReceiptAsync(hash, onPending, ct).ConfigureAwait(false);
            new SentTransactions(session.Store.Directory).Remove(hash);
            return receipt;
        }
        catch (WalletException)
        {
            Settle(session, hash, await TryStatusAsync(session, hash, ct).ConfigureAwait(false));
            throw;
        }
    }

    /// <summary>Forgets <paramref name="hash"/> when <paramref name="status"/> says it is final or can never commit.</summary>
    public static void Settle(WalletSession session, Hash32 hash, TransactionStatus? status)
    {
        if (status is { Stage: TransactionStage.Final } || (status is { Stage: TransactionStage.Dropped } && !CanResend(status)))
        {
            new SentTransactions(session.Store.Directory).Remove(hash);
        }
    }

    /// <summary>A dropped transaction is worth sending again unless another transaction took its place or its nonce.</summary>
    public static bool CanResend(TransactionStatus status) =>
        status.Stage != TransactionStage.Dropped || status.DropReason is not ("replaced" or "nonce-used");

    private static async Task<TransactionStatus?> TryStatusAsync(WalletSession session, Hash32 hash, CancellationToken ct)
    {
        try
        {
            return await session.Client.GetTransactionAsync(hash, ct).ConfigureAwait(false);
        }
        catch (WalletException)
        {
            return null; // unreachable: keep it, the customer can ask again
        }
    }
}
