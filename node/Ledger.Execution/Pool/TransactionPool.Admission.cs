using Ledger.Core.Transactions;
using Ledger.Execution.Processing;

namespace Ledger.Execution.Pool;

public sealed partial class TransactionPool
{
    /// <summary>
    /// Decodes, checks and admits a raw signed transaction. Checks run in a fixed order (size, decoding,
    /// chain id, signature, value, recipient, gas, duplicate, nonce, capacity) so the error a client sees
    /// is the first thing wrong with its transaction. The sender is recovered here, once, and cached on the
    /// transaction for every later stage.
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

        // Read outside the lock: state lookups may touch the disk. A block committed in between can make
        // the value stale; TakeReady prunes whatever falls below the state nonce, so nothing is stuck.
        var stateNonce = _stateNonce(transaction.Sender);
        AdmissionResult result;
        lock (_lock)
        {
            result = AddLocked(transaction, stateNonce);
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

        if (transaction.GasLimit < GasSchedule.Intrinsic)
        {
            return AdmissionResult.Rejected(
                AdmissionError.GasTooLow,
                $"intrinsic gas too low: gas limit {transaction.GasLimit} is below {GasSchedule.Intrinsic}",
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

    private AdmissionResult AddLocked(SignedTransaction transaction, ulong stateNonce)
    {
        var hash = transaction.Hash;
        if (_byHash.ContainsKey(hash))
        {
            return AdmissionResult.Rejected(AdmissionError.AlreadyKnown, "already known", hash);
        }

        var sender = transaction.Sender;
        if (transaction.Nonce < stateNonce)
        {
            return AdmissionResult.Rejected(
                AdmissionError.NonceTooLow,
                $"nonce too low: next nonce for {sender.ToChecksumString()} is {stateNonce}",
                hash);
        }

        _bySender.TryGetValue(sender, out var queue);
        var pending = (ulong)(queue?.Count ?? 0);
        var allowedAhead = pending + (ulong)_options.FutureWindow;
        if (transaction.Nonce - stateNonce > allowedAhead)
        {
            return AdmissionResult.Rejected(
                AdmissionError.NonceTooHigh,
                $"nonce too high: {transaction.Nonce} is more than {_options.FutureWindow} ahead of the next nonce for "
                + $"{sender.ToChecksumString()} ({stateNonce} committed, {pending} pending); send the missing nonces first",
                hash);
        }

        // Same sender and nonce: the new transaction replaces the pending one. Ethereum pools demand a
        // price bump for this (to stop free spam of replacements); Ledger charges no fees, so a bump would
        // mean nothing. A replacement does not grow the pool, so it is allowed even when the pool is full.
        if (queue?.Get(transaction.Nonce) is not null)
        {
            var replaced = queue.Upsert(transaction)!;
            _byHash.Remove(replaced.Hash);
            _byHash.Add(hash, transaction);
            return AdmissionResult.Accepted(transaction, replaced: true);
        }

        if (_byHash.Count >= _options.Capacity)
        {
            return AdmissionResult.Rejected(
                AdmissionError.PoolFull,
                $"pool is full: it holds {_options.Capacity} transactions; retry after the next blocks",
                hash);
        }

        if (queue is not null && queue.Count >= _options.PerSenderCapacity)
        {
            return AdmissionResult.Rejected(
                AdmissionError.PoolFull,
                $"pool is full for {sender.ToChecksumString()}: {_options.PerSenderCapacity} pending transactions; wait for some to be included",
                hash);
        }

        GetOrAddQueue(sender).Upsert(transaction);
        _byHash.Add(hash, transaction);
        return AdmissionResult.Accepted(transaction, replaced: false);
    }
}
