using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// kill -9 while the node is accepting transactions, then restart on the same data folder: everything a client
/// was told is final must still be there, unchanged, and the state must be exactly the committed blocks' effect.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int PerSender = 300;
    private const int KillAfterReceipts = 150;
    private static readonly int[] Senders = [4, 5, 6, 7, 8, 9];

    [Fact]
    public async Task Node_killed_mid_stream_restarts_with_every_observed_commit_and_exactly_their_effects()
    {
        using var node = LedgerProcess.StartDev();
        var stream = new List<PlannedTransfer>();
        UInt256[] balancesBefore;
        UInt256 supplyBefore;
        var observed = new Dictionary<string, ObservedReceipt>(StringComparer.OrdinalIgnoreCase);

        using (var rpc = new JsonRpcClient(node.RpcUrl))
        {
            balancesBefore = await ChainReader.DevBalancesAsync(rpc, DevChain.Usda);
            supplyBefore = await rpc.CallUInt256Async(DevChain.Usda, Calls.TotalSupply());
            var firstNonce = new Dictionary<int, ulong>();
            foreach (var sender in Senders)
            {
                firstNonce[sender] = await rpc.GetTransactionCountAsync(DevKeys.Address(sender), "pending");
            }

            // Round-robin over the senders, each in nonce order, so the stream never has a nonce gap.
            for (var k = 0; k < PerSender; k++)
            {
                foreach (var sender in Senders)
                {
                    var recipient = (sender + 1 + k) % ChainReader.DevAccounts;
                    recipient = recipient == sender ? (recipient + 1) % ChainReader.DevAccounts : recipient;
                    var amount = (UInt256)(ulong)((k % 7) + 1);
                    var tx = DevTransactions.Transfer(sender, firstNonce[sender] + (ulong)k, DevKeys.Address(recipient), amount);
                    stream.Add(new PlannedTransfer(tx, sender, recipient, amount));
                }
            }

            using var stopSending = new CancellationTokenSource();
            var sent = new StreamProgress();
            var sending = Task.Run(() => SendStreamAsync(rpc, stream, sent, stopSending.Token));
            await ObserveReceiptsAsync(rpc, node, stream, sent, sending, observed);

            node.Kill();
            output.WriteLine($"killed with {observed.Count} receipts observed and {sent.Sent} of {stream.Count} transfers sent");
            await stopSending.CancelAsync();
            await sending;
            Assert.True(sent.Rejections.IsEmpty, $"the node refused valid transfers before the kill: {string.Join("; ", sent.Rejections.Take(5))}");
        }

        node.Restart();
        using (var rpc = new JsonRpcClient(node.RpcUrl))
        {
            await AssertObservedReceiptsSurvivedAsync(rpc, observed, node);
            await AssertStateIsTheEffectOfCommittedTransfersAsync(rpc, stream, balancesBefore, node);
            Assert.Equal(supplyBefore, await rpc.CallUInt256Async(DevChain.Usda, Calls.TotalSupply()));

            // The restarted node takes new work.
            var sender = Senders[0];
            var nonce = await rpc.GetTransactionCountAsync(DevKeys.Address(sender), "pending");
            var next = DevTransactions.Transfer(sender, nonce, DevKeys.Address(0), 1);
            Assert.Equal(next.Hash.ToString(), await rpc.SendRawTransactionAsync(next.Raw));
            var receipt = await rpc.WaitForReceiptAsync(next.Hash.ToString(), TimeSpan.FromSeconds(30));
            Assert.Equal(1UL, receipt.GetQuantity("status"));
        }
    }

    private static async Task SendStreamAsync(JsonRpcClient rpc, List<PlannedTransfer> stream, StreamProgress progress, CancellationToken cancellationToken)
    {
        for (var start = 0; start < stream.Count && !cancellationToken.IsCancellationRequested; start += 10)
        {
            var batch = stream.GetRange(start, Math.Min(10, stream.Count - start));
            try
            {
                var answers = await rpc.BatchAsync(batch.Select(p => new JsonRpcCall("eth_sendRawTransaction", Hex.Encode(p.Tx.Raw))).ToArray(), cancellationToken);
                for (var i = 0; i < answers.Length; i++)
                {
                    if (answers[i].Error is { } error)
                    {
                        progress.Rejections.Add($"{batch[i].Tx.Hash}: {error}");
                    }
                }

                progress.Sent = start + batch.Count;
                await Task.Delay(5, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                return; // the node was killed under us: that is the point of the test
            }
        }
    }

    private static async Task ObserveReceiptsAsync(JsonRpcClient rpc, LedgerProcess node, List<PlannedTransfer> stream, StreamProgress progress, Task sending, Dictionary<string, ObservedReceipt> observed)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (observed.Count < KillAfterReceipts)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {observed.Count} receipts in 90 s ({progress.Sent} sent). Node output:\n{node.Output}");
            Assert.False(sending.IsFaulted, $"sending failed: {sending.Exception}");
            var waiting = stream.Take(progress.Sent).Select(p => p.Tx.Hash.ToString()).Where(h => !observed.ContainsKey(h)).Take(400).ToList();
            var receipts = await ChainReader.ReceiptsAsync(rpc, waiting);
            for (var i = 0; i < waiting.Count; i++)
            {
                if (receipts[i] is { } r)
                {
                    observed[waiting[i]] = new ObservedReceipt(waiting[i], r.GetText("blockHash"), r.GetQuantity("blockNumber"), r.GetQuantity("status"));
                }
            }

            await Task.Delay(20);
        }
    }

    private static async Task AssertObservedReceiptsSurvivedAsync(JsonRpcClient rpc, Dictionary<string, ObservedReceipt> observed, LedgerProcess node)
    {
        var head = await rpc.BlockNumberAsync();
        var highest = observed.Values.Max(o => o.BlockNumber);
        Assert.True(head >= highest, $"head {head} is below block {highest}, which held a receipt seen before the kill");

        var hashes = observed.Keys.ToList();
        var receipts = await ChainReader.ReceiptsAsync(rpc, hashes);
        var blocks = await ChainReader.BlocksAsync(rpc, head);
        for (var i = 0; i < hashes.Count; i++)
        {
            var before = observed[hashes[i]];
            Assert.True(receipts[i] is not null, $"transaction {hashes[i]} was final in block {before.BlockNumber} before the kill and is gone after it. Node output:\n{node.Output}");
            var after = receipts[i]!.Value;
            Assert.Equal(before.BlockHash, after.GetText("blockHash"));
            Assert.Equal(before.BlockNumber, after.GetQuantity("blockNumber"));
            Assert.Equal(before.Status, after.GetQuantity("status"));
            Assert.Equal(before.BlockHash, blocks[(int)before.BlockNumber].GetText("hash"));
        }

        for (var n = 1; n < blocks.Length; n++)
        {
            Assert.Equal(blocks[n - 1].GetText("hash"), blocks[n].GetText("parentHash"));
        }
    }

    private async Task AssertStateIsTheEffectOfCommittedTransfersAsync(JsonRpcClient rpc, List<PlannedTransfer> stream, UInt256[] balancesBefore, LedgerProcess node)
    {
        var receipts = await ChainReader.ReceiptsAsync(rpc, stream.Select(p => p.Tx.Hash.ToString()).ToList());
        var expected = (UInt256[])balancesBefore.Clone();
        var committedPerSender = new Dictionary<int, List<ulong>>();
        for (var i = 0; i < stream.Count; i++)
        {
            if (receipts[i] is not { } receipt)
            {
                continue;
            }

            var transfer = stream[i];
            Assert.Equal(1UL, receipt.GetQuantity("status"));
            expected[transfer.From] -= transfer.Amount;
            expected[transfer.To] += transfer.Amount;
            committedPerSender.TryAdd(transfer.From, []);
            committedPerSender[transfer.From].Add(transfer.Tx.Nonce);
        }

        output.WriteLine($"after restart: {receipts.Count(r => r is not null)} transfers committed, head {await rpc.BlockNumberAsync()}");
        var actual = await ChainReader.DevBalancesAsync(rpc, DevChain.Usda);
        Assert.True(expected.SequenceEqual(actual), $"balances after restart [{string.Join(", ", actual)}] are not the effect of the committed transfers [{string.Join(", ", expected)}]. Node output:\n{node.Output}");
        Assert.Equal(ChainReader.Sum(balancesBefore), ChainReader.Sum(actual));

        // Per sender, the committed transfers are a gap-free nonce prefix and the account nonce follows it.
        foreach (var sender in Senders)
        {
            var nonces = committedPerSender.GetValueOrDefault(sender, []);
            nonces.Sort();
            var first = stream.First(p => p.From == sender).Tx.Nonce;
            for (var k = 0; k < nonces.Count; k++)
            {
                Assert.Equal(first + (ulong)k, nonces[k]);
            }

            Assert.Equal(first + (ulong)nonces.Count, await rpc.GetTransactionCountAsync(DevKeys.Address(sender), "latest"));
        }
    }

    private sealed record PlannedTransfer(SignedTransaction Tx, int From, int To, UInt256 Amount);

    private sealed class StreamProgress
    {
        private int _sent;

        public int Sent
        {
            get => Volatile.Read(ref _sent);
            set => Volatile.Write(ref _sent, value);
        }

        public System.Collections.Concurrent.ConcurrentBag<string> Rejections { get; } = new();
    }
}
