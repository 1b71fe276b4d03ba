using Ledger.Core.Transactions;
using Ledger.Execution.Processing;

namespace Ledger.Execution.Pool;

public sealed partial class TransactionPool
{
    /// <summary>
    /// Decodes, checks and admits a raw signed transaction. Checks run in a fixed order (size, decoding,
    /// chain id, signature, value, recipient, gas, sender, duplicate, nonce, replacement rate, capacity) so the
    /// error a client sees is the first thing wrong with its transaction. The sender is recovered here, once, and
    /// cached on the transaction for every later stage.
    /// </summary>
    public AdmissionResult Admit(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > _options.MaxTransactionBytes)
        {
            return AdmissionResult.Rejected(
                AdmissionError.TooLarge,
                $"transaction of {raw.Length} bytes exceeds the limit of {_options.MaxTransactionBytes}");
        }

        SignedTransaction transaction;
        try
        {
            transaction = TransactionDecoder.Decode(raw);
        }
        catch (FormatException ex)
        {
            return AdmissionResult.Rejected(AdmissionError.Malformed, ex.Message);
        }

        var stateless = CheckStateless(transaction);
        if (stateless.HasValue)
        {
            return stateless.Value;
        }

        // State is read outside the lock (it may touch the disk); AddLocked reads it again if a commit reached the
        // pool in between (see the class comment), so the decision is the one a commit-free moment would give.
        var state = _latestState();
        if (_senders?.Refusal(state, transaction.Sender) is { } refusal)
        {
            return AdmissionResult.Rejected(AdmissionError.SenderNotPermitted, refusal, transaction.Hash);
        }

        var committed = state.GetNonce(transaction.Sender);
        AdmissionResult result;
        lock (_lock)
        {
            committed = FreshNonceLocked(transaction.Sender, state, committed);
            result = AddLocked(transaction, committed);
        }

        if (result.IsAccepted)
        {
            Admitted?.Invoke(transaction);
        }

        return result;
    }

    /// <summary>The checks that depend only on the transaction's bytes (and recover the sender).</summary>
    private AdmissionResult? CheckStateless(SignedTransaction transaction)
    {
        var hash = transaction.Hash;
        if (transaction.ChainId != _options.ChainId)
        {
            return AdmissionResult.Rejected(
                AdmissionError.WrongChainId,
                $"wrong chain id {transaction.ChainId}, this network is {_options.ChainId}",
                hash);
        }

        if (!transaction.HasSender && !TransactionSigner.TryRecoverSender(transaction, _ecdsa, out var signatureError))
        {
            return AdmissionResult.Rejected(AdmissionError.InvalidSignature, $"invalid signature: {signatureError}", hash);
        }

        if (!transaction.Value.IsZero)
        {
            return AdmissionResult.Rejected(
                AdmissionError.NonZeroValue,
                "value transfers are not supported: Ledger has no native coin",
                hash);
        }

        if (transaction.To is not { } to)
        {
            return AdmissionResult.Rejected(
                AdmissionError.ContractCreation,
                "contract creation is not supported: Ledger has no EVM; send to a module (see ledger_getModules)",
                hash);
        }

        if (_modules.Find(to) is null)
        {
            return AdmissionResult.Rejected(
                AdmissionError.UnknownModule,
                $"no module at address {to.ToChecksumString()}; see ledger_getModules",
                hash);
        }

        if (transaction.GasLimit < GasSchedule.IntrinsicGas(transaction))
        {
            return AdmissionResult.Rejected(
                AdmissionError.GasTooLow,
                $"intrinsic gas too low: gas limit {transaction.GasLimit} is below {GasSchedule.IntrinsicGas(transaction)} (21000 + calldata)",
                hash);
        }

        if (transaction.GasLimit > _options.BlockGasLimit)
        {
            return AdmissionResult.Rejected(
                AdmissionError.GasAboveBlockLimit,
                $"exceeds block gas limit: gas limit {transaction.GasLimit} is above the block gas limit of {_options.BlockGasLimit}",
                hash);
        }

        return null;
    }

    private AdmissionResult AddLocked(SignedTransaction transaction, ulong committed)
    {
        var hash = transaction.Hash;
        if (_byHash.ContainsKey(hash))
        {
            return AdmissionResult.Rejected(AdmissionError.AlreadyKnown, "already known", hash);
        }

        var sender = transaction.Sender;
        if (transaction.Nonce < committed)
        {
            return AdmissionResult.Rejected(
                AdmissionError.NonceTooLow,
                $"nonce too low: next nonce for {sender.ToChecksumString()} is {committed}",
                hash);
        }

        if (transaction.Nonce - committed >= (ulong)_options.FutureWindow)
        {
            return AdmissionResult.Rejected(
                AdmissionError.NonceTooHigh,
                $"nonce too high: {transaction.Nonce} is {transaction.Nonce - committed} ahead of the committed nonce {committed} of "
                + $"{sender.ToChecksumString()}; at most {_options.FutureWindow} transactions may be in flight: wait for some to commit",
                hash);
        }

        _bySender.TryGetValue(sender, out var queue);
        var entry = new PoolEntry(transaction, NowMs());
        if (queue?.Get(transaction.Nonce) is { } existing)
        {
            return Replace(queue, existing, entry);
        }

        if (queue is not null && queue.Count >= _options.PerSenderCapacity)
        {
            return AdmissionResult.Rejected(
                AdmissionError.PoolFull,
                $"pool is full for {sender.ToChecksumString()}: {_options.PerSenderCapacity} transactions pooled; wait for some to be included",
                hash);
        }

        if ((queue?.Bytes ?? 0) + entry.AccountedBytes > _options.PerSenderMaxBytes)
        {
            return AdmissionResult.Rejected(
                AdmissionError.PoolFull,
                $"pool is full for {sender.ToChecksumString()}: its transactions hold {queue?.Bytes ?? 0} of {_options.PerSenderMaxBytes} bytes; wait for some to be included",
                hash);
        }

        if (MakeRoomLocked(entry, queue, committed) is { } full)
        {
            return AdmissionResult.Rejected(AdmissionError.PoolFull, full, hash);
        }

        GetOrAddQueue(sender, committed).Upsert(entry);
        Track(entry);
        return AdmissionResult.Accepted(transaction, replaced: false);
    }

    /// <summary>
    /// Same sender and nonce: the new transaction replaces the pooled one. Ethereum pools demand a price bump for
    /// this; Ledger charges no fees, so the bound is a rate: a few replacements per sender per minute, so that
    /// replacements (which are gossiped to every peer) cannot flood the network.
    /// </summary>
    private AdmissionResult Replace(SenderQueue queue, PoolEntry existing, PoolEntry entry)
    {
        var transaction = entry.Transaction;
        if (!TakeReplacementToken(queue))
        {
            return AdmissionResult.Rejected(
                AdmissionError.ReplacementRateLimited,
                $"too many replacements: {transaction.Sender.ToChecksumString()} may replace at most {_options.ReplacementsPerMinute} "
                + "transactions per minute; wait before replacing again",
                transaction.Hash);
        }

        var growth = entry.AccountedBytes - existing.AccountedBytes;
        if (growth > 0 && (queue.Bytes + growth > _options.PerSenderMaxBytes || Bytes + growth > _options.MaxBytes))
        {
            return AdmissionResult.Rejected(
                AdmissionError.PoolFull,
                $"pool is full: the replacement is {growth} bytes larger than the transaction it replaces and there is no room",
                transaction.Hash);
        }

        queue.Upsert(entry);
        Forget(existing);
        Track(entry);
        _dropped.Record(
            existing.Transaction.Hash,
            PoolDropReason.Replaced,
            $"replaced by {transaction.Hash} (same sender and nonce {transaction.Nonce})",
            entry.AdmittedAtMs,
            transaction.Hash);
        return AdmissionResult.Accepted(transaction, replaced: true);
    }

    private bool TakeReplacementToken(SenderQueue queue)
    {
        var perMinute = _options.ReplacementsPerMinute;
        var now = NowMs();
        if (double.IsNaN(queue.ReplacementTokens))
        {
            queue.ReplacementTokens = perMinute;
            queue.ReplacementRefilledAtMs = now;
        }

        var refill = (now - queue.ReplacementRefilledAtMs) * perMinute / 60_000.0;
        queue.ReplacementTokens = Math.Min(perMinute, queue.ReplacementTokens + Math.Max(0, refill));
        queue.ReplacementRefilledAtMs = now;
        if (queue.ReplacementTokens < 1)
        {
            return false;
        }

        queue.ReplacementTokens -= 1;
        return true;
    }
}
