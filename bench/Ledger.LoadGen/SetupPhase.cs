using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.LoadGen;

/// <summary>
/// Untimed preparation: Bank A's operator registers every load account (KYC) and mints USDA to it. All of it is
/// one sender's nonce sequence, so it goes in waves below the pool's per-sender capacity, each wave committed
/// before the next.
/// </summary>
public sealed class SetupPhase(JsonRpcClient rpc, IEcdsa ecdsa, TextWriter log)
{
    private const int WaveSize = 400;
    private static readonly TimeSpan NoProgressTimeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync(IReadOnlyList<LoadAccount> accounts, UInt256 fundEach, CancellationToken cancellationToken)
    {
        var operatorKey = DevKeys.PrivateKey(DevChain.BankAOperator);
        var operatorAddress = DevKeys.Address(DevChain.BankAOperator);
        var nonce = await rpc.GetTransactionCountAsync(operatorAddress, "pending", cancellationToken);
        var expiresAt = (ulong)DateTimeOffset.UtcNow.AddYears(10).ToUnixTimeSeconds();

        // Registrations first: a mint to an unregistered account would revert.
        var calls = new List<(Address To, byte[] Data)>(accounts.Count * 2);
        foreach (var account in accounts)
        {
            calls.Add((DevChain.IdentityRegistry, Calls.RegisterIdentity(account.Address, "US", 2, expiresAt)));
        }

        foreach (var account in accounts)
        {
            calls.Add((DevChain.Usda, Calls.Mint(account.Address, fundEach)));
        }

        var signed = new SignedTransaction[calls.Count];
        var firstNonce = nonce;
        Parallel.For(0, calls.Count, i => signed[i] = TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = DevChain.ChainId, Nonce = firstNonce + (ulong)i, GasLimit = 200_000, To = calls[i].To, Data = calls[i].Data },
            operatorKey,
            ecdsa));

        for (var start = 0; start < signed.Length; start += WaveSize)
        {
            var wave = signed.AsSpan(start, Math.Min(WaveSize, signed.Length - start)).ToArray();
            await SubmitAsync(wave, cancellationToken);
            await WaitForNonceAsync(operatorAddress, wave[^1].Nonce + 1, cancellationToken);
            log.WriteLine($"setup: {start + wave.Length}/{signed.Length} registration and mint transactions committed");
        }

        await CheckSucceededAsync(signed[accounts.Count - 1], "the last registration", cancellationToken);
        await CheckSucceededAsync(signed[^1], "the last mint", cancellationToken);
        var balance = await rpc.CallUInt256Async(DevChain.Usda, Calls.BalanceOf(accounts[0].Address), cancellationToken);
        if (balance < fundEach)
        {
            throw new InvalidOperationException($"setup failed: account {accounts[0].Address} holds {balance} USDA after a mint of {fundEach}");
        }
    }

    private async Task SubmitAsync(SignedTransaction[] wave, CancellationToken cancellationToken)
    {
        // In nonce order and one batch at a time: the pool accepts a nonce only within its window of the next.
        for (var start = 0; start < wave.Length; start += 100)
        {
            var batch = wave.AsSpan(start, Math.Min(100, wave.Length - start)).ToArray();
            var answers = await rpc.BatchAsync(batch.Select(tx => new JsonRpcCall("eth_sendRawTransaction", Hex.Encode(tx.Raw))).ToArray(), cancellationToken);
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i].Error is { } error)
                {
                    throw new InvalidOperationException($"setup failed: the node refused operator transaction nonce {batch[i].Nonce}: {error}");
                }
            }
        }
    }

    private async Task WaitForNonceAsync(Address account, ulong expected, CancellationToken cancellationToken)
    {
        var current = 0UL;
        var lastProgress = DateTime.UtcNow;
        while (DateTime.UtcNow - lastProgress < NoProgressTimeout)
        {
            var nonce = await rpc.GetTransactionCountAsync(account, "latest", cancellationToken);
            if (nonce >= expected)
            {
                return;
            }

            if (nonce != current)
            {
                current = nonce;
                lastProgress = DateTime.UtcNow;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"setup stalled: the operator's committed nonce stayed at {current} (waiting for {expected}) for {NoProgressTimeout.TotalSeconds:0} s");
    }

    private async Task CheckSucceededAsync(SignedTransaction tx, string what, CancellationToken cancellationToken)
    {
        var receipt = await rpc.WaitForReceiptAsync(tx.Hash.ToString(), TimeSpan.FromSeconds(30), cancellationToken);
        if (receipt.GetQuantity("status") != 1)
        {
            throw new InvalidOperationException($"setup failed: {what} ({tx.Hash}) reverted: {receipt.GetRawText()}");
        }
    }
}
