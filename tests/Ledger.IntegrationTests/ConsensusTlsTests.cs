using System.Globalization;
using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Ledger.TestSupport;

namespace Ledger.IntegrationTests;

/// <summary>
/// Four real validator processes with peer TLS on (<c>--peer-tls-cert/-key/-ca</c>): the gRPC port serves HTTPS with
/// mutual TLS and peers dial https, so only nodes with a certificate from the consortium CA take part.
/// </summary>
public sealed class ConsensusTlsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Four_validators_with_certificates_from_the_consortium_CA_finalize_a_transfer_and_agree_on_the_chain()
    {
        using var consortium = new ConsortiumCertificates("consortium-ca");
        using var cluster = ConsensusCluster.Start(i => consortium.NodeArguments($"bank-{i}"));
        Assert.Equal("https", cluster.Node(0).GrpcUrl.Scheme);

        var tx = DevTransactions.Transfer(4, 0, DevKeys.Address(5), 1);
        using (var rpc = new JsonRpcClient(cluster.Node(1).RpcUrl))
        {
            Assert.Equal(tx.Hash.ToString(), await rpc.SendRawTransactionAsync(tx.Raw));
        }

        foreach (var n in new[] { 0, 1, 2, 3 })
        {
            using var rpc = new JsonRpcClient(cluster.Node(n).RpcUrl);
            var receipt = await rpc.WaitForReceiptAsync(tx.Hash.ToString(), Patience);
            Assert.Equal(1UL, receipt.GetQuantity("status"));
        }

        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
        Assert.Equal(3UL, await PeerCountAsync(cluster.Node(0)));
    }

    [Fact]
    public async Task A_validator_whose_certificate_comes_from_another_CA_is_never_a_peer_and_gets_no_blocks()
    {
        using var consortium = new ConsortiumCertificates("consortium-ca");
        using var rogue = new ConsortiumCertificates("rogue-ca");
        // Validator 3 holds a genuine validator key but a certificate the consortium CA did not issue.
        using var cluster = ConsensusCluster.Start(i => i == 3
            ? rogue.NodeArguments("bank-3", trustedCaPath: consortium.CaPath)
            : consortium.NodeArguments($"bank-{i}"));

        // Three of four is a quorum: the others keep finalizing blocks without it.
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 3, Patience);

        await cluster.AssertSameChainAsync([0, 1, 2]);
        Assert.Equal(2UL, await PeerCountAsync(cluster.Node(0)));
        Assert.Equal(0UL, await PeerCountAsync(cluster.Node(3)));
        using var rogueRpc = new JsonRpcClient(cluster.Node(3).RpcUrl);
        Assert.Equal(0UL, await rogueRpc.BlockNumberAsync());
    }

    private static async Task<ulong> PeerCountAsync(LedgerProcess node)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        var count = (await rpc.CallAsync("net_peerCount")).GetString()!;
        return ulong.Parse(count.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
