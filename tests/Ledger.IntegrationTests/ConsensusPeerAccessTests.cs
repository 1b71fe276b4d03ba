using System.Globalization;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// Peer access follows the validator set (issue 11): a validator voted out loses its streams and is refused from the
/// block where it left, and one block that adds a validator and removes another admits and dials the newcomer and drops
/// the leaver. Four real `ledger run` processes.
/// </summary>
public sealed class ConsensusPeerAccessTests(ITestOutputHelper output)
{
    private const int FirstValidatorKey = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly Address ValidatorsModule = Address.Parse("0x1000000000000000000000000000000000000006");

    [Fact]
    public async Task A_removed_validator_is_cut_off_and_an_add_and_a_remove_in_one_block_bring_in_the_newcomer()
    {
        using var cluster = ConsensusCluster.Start();
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 2, Patience);
        var (a, b, c, d) = (cluster.Validators[0], cluster.Validators[1], cluster.Validators[2], cluster.Validators[3]);

        // 1. A, B and C vote D out. From the block where it left, D has no peer and gets no block (before issue 11 a
        //    genesis validator stayed connected and kept syncing).
        var removedFrom = await cluster.VoteAsync([0, 1, 2], [d.ToString(), false], Patience);
        output.WriteLine($"D is out from block {removedFrom}");
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), removedFrom, Patience);
        await EventuallyAsync(async () => await PeerCountAsync(cluster.Node(0)) == 2 && await PeerCountAsync(cluster.Node(3)) == 0, "D lost its streams");
        var frozen = await HeadAsync(cluster.Node(3));
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), Math.Max(frozen, removedFrom) + 4, Patience);
        Assert.Equal(frozen, await HeadAsync(cluster.Node(3)));
        Assert.Contains("is not in the consortium", cluster.Node(0).Output + cluster.Node(1).Output + cluster.Node(2).Output, StringComparison.Ordinal);
        var dRpcPort = cluster.Node(3).RpcUrl.Port;
        cluster.Node(3).Kill();

        // 2. One block brings D back and removes C: A votes for both first, then B's two votes become ready together
        //    (the later nonce is sent first), so both majorities of {A, B, C} complete in the same block. The set keeps
        //    its size, the case a count comparison missed.
        object?[] addD = [d.ToString(), true, "bank-d", "127.0.0.1", cluster.Node(3).GrpcUrl.Port, dRpcPort];
        await cluster.VoteAsync([0], addD, Patience);
        await cluster.VoteAsync([0], [c.ToString(), false], Patience);
        var changedFrom = await SameBlockVotesAsync(cluster.Node(1), FirstValidatorKey + 1, removeC: c, addD: (d, addD));
        output.WriteLine($"D in and C out from block {changedFrom}");
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), changedFrom, Patience);
        using (var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl))
        {
            var set = await rpc.CallAsync("qbft_getValidatorsByBlockNumber", Quantity(changedFrom));
            Assert.Equal(new[] { a, b, d }.Select(v => v.ToString().ToLowerInvariant()), set.EnumerateArray().Select(v => v.GetString()!.ToLowerInvariant()));
        }

        // 3. D restarts and is admitted and dialled again; C, still running, loses its streams. With A stopped, B and D are
        //    the quorum (2 of 3) and must keep finalising: D is connected and voting.
        cluster.Node(3).Restart();
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), changedFrom, Patience);
        await EventuallyAsync(async () => await PeerCountAsync(cluster.Node(2)) == 0, "C lost its streams");
        cluster.Node(0).Kill();
        var before = await HeadAsync(cluster.Node(1));
        var after = await ConsensusCluster.WaitForHeightAsync(cluster.Node(1), before + 3, Patience);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), after, Patience);
        output.WriteLine($"B and D finalised blocks {before + 1}..{after} without A");
        await cluster.AssertSameChainAsync([1, 3]);
    }

    /// <summary>
    /// Validator key <paramref name="key"/> votes C out (nonce n) and D in (nonce n + 1), sending n + 1 first so the two
    /// enter the pool's ready set together; both must land in one block. Returns the block after it.
    /// </summary>
    private static async Task<ulong> SameBlockVotesAsync(LedgerProcess node, int key, Address removeC, (Address Address, object?[] Vote) addD)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        var nonce = await rpc.GetTransactionCountAsync(DevKeys.Address(key), "pending");
        var remove = new AbiWriter(1).WriteAddress(removeC).ToCallData("voteRemove(address)");
        var add = new AbiWriter(6).WriteAddress(addD.Address).WriteString((string)addD.Vote[2]!).WriteString((string)addD.Vote[3]!)
            .WriteUInt64(Convert.ToUInt64(addD.Vote[4], CultureInfo.InvariantCulture)).WriteUInt64(Convert.ToUInt64(addD.Vote[5], CultureInfo.InvariantCulture))
            .ToCallData("voteAdd(address,string,string,uint16,uint16)");
        var second = await rpc.SendRawTransactionAsync(Vote(key, nonce + 1, add).Raw);
        var first = await rpc.SendRawTransactionAsync(Vote(key, nonce, remove).Raw);
        var firstReceipt = await rpc.WaitForReceiptAsync(first, Patience);
        var secondReceipt = await rpc.WaitForReceiptAsync(second, Patience);
        Assert.Equal(1UL, firstReceipt.GetQuantity("status"));
        Assert.Equal(1UL, secondReceipt.GetQuantity("status"));
        Assert.Equal(firstReceipt.GetQuantity("blockNumber"), secondReceipt.GetQuantity("blockNumber"));
        return firstReceipt.GetQuantity("blockNumber") + 1;
    }

    private static SignedTransaction Vote(int key, ulong nonce, byte[] data) => TransactionSigner.Sign(
        new UnsignedTransaction { ChainId = 4242, Nonce = nonce, GasLimit = 200_000, To = ValidatorsModule, Data = data },
        DevKeys.PrivateKey(key),
        Ecdsa.Default);

    private static async Task<ulong> HeadAsync(LedgerProcess node)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        return await rpc.BlockNumberAsync();
    }

    private static async Task<ulong> PeerCountAsync(LedgerProcess node)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        return LedgerRpcExtensions.ParseQuantity(await rpc.CallAsync("net_peerCount"), "net_peerCount");
    }

    private static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {Patience.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }
}
