using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Workload;

/// <summary>
/// Untimed setup transactions of one sender: signed in nonce order from its pending nonce, sent, waited for until its
/// committed nonce passes the last, and checked to have succeeded. Throws with the revert or the stall.
/// </summary>
internal sealed class SetupSender(JsonRpcClient rpc, IEcdsa ecdsa, TextWriter log)
{
    private static readonly TimeSpan NoProgress = TimeSpan.FromSeconds(90);

    public async Task<IReadOnlyList<SignedTransaction>> SendAsync(
        byte[] key, IReadOnlyList<(Address To, byte[] Data, ulong Gas)> calls, string what, CancellationToken cancellationToken)
    {
        var sender = ecdsa.AddressOf(key);
        var first = await rpc.GetTransactionCountAsync(sender, "pending", cancellationToken);
        var signed = calls.Select((c, i) => TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = ChaosChain.ChainId, Nonce = first + (ulong)i, GasLimit = c.Gas, To = c.To, Data = c.Data },
            key,
            ecdsa)).ToArray();
        for (var start = 0; start < signed.Length; start += 100)
        {
            var batch = signed.Skip(start).Take(100).ToArray();
            var answers = await rpc.BatchAsync([.. batch.Select(tx => new JsonRpcCall("eth_sendRawTransaction", Hex.Encode(tx.Raw)))], cancellationToken);
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i].Error is { } error && !error.Message.Contains("already known", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"setup ({what}): the node refused nonce {batch[i].Nonce} of {sender}: {error}");
                }
            }
        }

        await WaitForNonceAsync(sender, first + (ulong)signed.Length, what, cancellationToken);
        await CheckSucceededAsync(signed, what, cancellationToken);
        log.WriteLine($"setup: {what}: {signed.Length} transaction(s) committed");
        return signed;
    }

    private async Task WaitForNonceAsync(Address sender, ulong expected, string what, CancellationToken cancellationToken)
    {
        var current = 0UL;
        var lastProgress = DateTime.UtcNow;
        while (DateTime.UtcNow - lastProgress < NoProgress)
        {
            var nonce = await rpc.GetTransactionCountAsync(sender, "latest", cancellationToken);
            if (nonce >= expected)
            {
                return;
            }

            if (nonce != current)
            {
                current = nonce;
                lastProgress = DateTime.UtcNow;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"setup ({what}) stalled: {sender}'s committed nonce stayed at {current} (waiting for {expected}) for {NoProgress.TotalSeconds:0} s");
    }

    private async Task CheckSucceededAsync(IReadOnlyList<SignedTransaction> signed, string what, CancellationToken cancellationToken)
    {
        for (var start = 0; start < signed.Count; start += 100)
        {
            var batch = signed.Skip(start).Take(100).ToArray();
            var answers = await rpc.BatchAsync([.. batch.Select(tx => new JsonRpcCall("eth_getTransactionReceipt", tx.Hash.ToString()))], cancellationToken);
            for (var i = 0; i < answers.Length; i++)
            {
                var receipt = answers[i].Result;
                if (answers[i].Error is not null || receipt.ValueKind != JsonValueKind.Object || receipt.GetQuantity("status") != 1)
                {
                    throw new InvalidOperationException($"setup ({what}): transaction {batch[i].Hash} did not succeed: {answers[i].Error?.ToString() ?? receipt.GetRawText()}");
                }
            }
        }
    }
}
