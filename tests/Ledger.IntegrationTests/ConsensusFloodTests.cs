using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// No client can halt the consortium (issue 11): a backlog of maximum-size transactions larger than a peer message
/// becomes ready at once on four real validators. Blocks stop at maxBlockBytes, so every proposal can be sent, heights
/// keep advancing on all four, the backlog drains and ordinary transfers sent meanwhile commit.
/// </summary>
public sealed class ConsensusFloodTests(ITestOutputHelper output)
{
    private const int FloodSenders = 9;       // dev accounts 0–8, registered customers of the dev genesis
    private const int FutureNonces = 63;      // within any future-nonce window of 64
    private const int TransferSender = 9;
    private const int Transfers = 5;
    private const long PeerMessageBytes = 64L * 1024 * 1024;
    private const long MaxBlockBytes = 8L * 1024 * 1024; // genesis.json consensus.maxBlockBytes
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task A_flood_of_maximum_size_transactions_larger_than_a_peer_message_does_not_stop_the_blocks()
    {
        using var cluster = ConsensusCluster.Start();
        var start = await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 1, Patience);
        using var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl, maxConnections: 4, timeout: TimeSpan.FromSeconds(60));

        // Every sender's nonces 1..63 first: they wait in the pools (gossiped to all four) behind the missing nonce 0.
        long floodBytes = 0;
        var queued = new List<Task>();
        for (var nonce = 1UL; nonce <= FutureNonces; nonce++)
        {
            for (var sender = 0; sender < FloodSenders; sender++)
            {
                var raw = MaxSizeTransaction(sender, nonce).Raw;
                floodBytes += raw.Length;
                queued.Add(rpc.SendRawTransactionAsync(raw));
            }

            await Task.WhenAll(queued);
            queued.Clear();
        }

        // Nonce 0 of all nine in one request: the whole backlog becomes ready at once, far more than one peer message.
        var fillers = Enumerable.Range(0, FloodSenders).Select(sender => MaxSizeTransaction(sender, 0).Raw).ToList();
        floodBytes += fillers.Sum(raw => (long)raw.Length);
        Assert.True(floodBytes > PeerMessageBytes, $"the flood ({floodBytes} bytes) must exceed a peer message");
        var answers = await rpc.BatchAsync([.. fillers.Select(raw => new JsonRpcCall("eth_sendRawTransaction", ["0x" + Convert.ToHexStringLower(raw)]))]);
        Assert.All(answers, answer => Assert.Null(answer.Error));
        output.WriteLine($"flood of {FloodSenders * (FutureNonces + 1)} transactions, {floodBytes} bytes, ready from block {start}");

        // Ordinary transfers from an account outside the flood, sent while it drains.
        var transfers = new List<string>();
        for (var i = 0UL; i < Transfers; i++)
        {
            transfers.Add(await rpc.SendRawTransactionAsync(DevTransactions.Transfer(TransferSender, i, DevKeys.Address(8), 1).Raw));
        }

        foreach (var hash in transfers)
        {
            var receipt = await rpc.WaitForReceiptAsync(hash, Patience);
            Assert.Equal(1UL, receipt.GetQuantity("status"));
        }

        // The backlog drains in blocks of at most maxBlockBytes, on every node.
        await EventuallyAllSent(rpc);
        var head = await rpc.BlockNumberAsync();
        for (var n = 1; n < cluster.Count; n++)
        {
            await ConsensusCluster.WaitForHeightAsync(cluster.Node(n), head, Patience);
        }

        var largest = await LargestBlockAsync(rpc, start, head);
        output.WriteLine($"drained by block {head}; the largest block was {largest} bytes");
        Assert.InRange(largest, MaxBlockBytes / 2, MaxBlockBytes);
        Assert.True(head - start >= (ulong)(floodBytes / MaxBlockBytes), "the flood needs several blocks");
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    /// <summary>
    /// A token transfer padded with non-zero calldata to just under the 128 KiB transaction limit (the token reads only its
    /// two arguments). Its gas limit covers the calldata price (16 per non-zero byte), as a client's estimate would.
    /// </summary>
    private static SignedTransaction MaxSizeTransaction(int sender, ulong nonce)
    {
        var transfer = Calls.Transfer(DevKeys.Address((sender + 1) % FloodSenders), 1);
        var data = new byte[TransactionDecoder.MaxEncodedLength - 256];
        Array.Fill(data, (byte)(0x11 + sender));
        transfer.CopyTo(data, 0);
        return TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = DevChain.ChainId, Nonce = nonce, GasLimit = 2_500_000, To = DevChain.Usda, Data = data },
            DevKeys.PrivateKey(sender),
            Ecdsa.Default);
    }

    private static async Task EventuallyAllSent(JsonRpcClient rpc)
    {
        using var limit = new CancellationTokenSource(Patience);
        for (var sender = 0; sender < FloodSenders; sender++)
        {
            while (await rpc.GetTransactionCountAsync(DevKeys.Address(sender), "latest") < FutureNonces + 1)
            {
                if (limit.IsCancellationRequested)
                {
                    throw new TimeoutException($"dev account {sender}'s flood did not commit within {Patience.TotalSeconds:0} s (head {await rpc.BlockNumberAsync()})");
                }

                await Task.Delay(500, CancellationToken.None);
            }
        }
    }

    private static async Task<long> LargestBlockAsync(JsonRpcClient rpc, ulong from, ulong to)
    {
        long largest = 0;
        for (var number = from; number <= to; number++)
        {
            var block = await rpc.GetBlockAsync(number) ?? throw new InvalidOperationException($"block {number} is missing");
            largest = Math.Max(largest, (long)LedgerRpcExtensions.ParseQuantity(block.GetProperty("size"), "size"));
        }

        return largest;
    }
}
