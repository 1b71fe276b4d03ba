using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Execution.Chain;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.Network;
using Ledger.Network.Sync;
using Ledger.Node.Configuration;
using Ledger.Node.Consensus;
using Ledger.Node.Monitoring;
using Ledger.Node.Production;
using Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Hosting;

public sealed partial class LedgerNode
{
    /// <summary>A consortium validator or member node (an observer of the same driver): peers from the genesis validators' host/gRPC port, QBFT timing from genesis.</summary>
    private static ConsortiumParts OpenConsortium(
        GenesisConfig genesis,
        IConsensusSigner signer,
        IKeyValueStore store,
        ChainStore chain,
        TransactionPool pool,
        BlockExecutor executor,
        NodeOptions options,
        IFatalErrorHandler fatal,
        ILoggerFactory loggers,
        NodeMetrics metrics,
        TimeProvider? time,
        bool member)
    {
        var consensus = genesis.Consensus;
        PeerNetwork network;
        try
        {
            var useTls = options.PeerTls is not null;
            var peerOptions = PeerNetworkOptions.FromGenesis(genesis, chain.GenesisHash, signer, useTls: useTls);
            network = new PeerNetwork(
                peerOptions with
                {
                    // peerEndpoints: dial some validators elsewhere than genesis says (NAT, load balancer, fault proxy).
                    Peers = PeerEndpointOverrides.Apply(peerOptions.Peers, options.PeerEndpoints, useTls),
                    // The dialer presents and checks the same certificates as this node's gRPC listener (NodeHost).
                    Tls = options.PeerTls?.ToPeerTlsOptions(),
                    BlockSource = ChainStoreBlockSource.Create(chain),
                    TimeProvider = time ?? TimeProvider.System,
                    // Members dial the validators (they may have no reachable endpoint); validators only accept them.
                    DialEveryPeer = member,
                },
                loggers);
        }
        catch (ArgumentException ex)
        {
            throw new NodeConfigurationException($"peer network: {ex.Message}", ex);
        }

        // A block the network cannot send would halt the consortium at the first full block: refuse to start instead.
        if (network.Options.CheckBlockFits(consensus.MaxBlockBytes, ConsensusMessageCodec.MaxJustificationEntries) is { } tooLarge)
        {
            throw new NodeConfigurationException($"genesis consensus.maxBlockBytes: {tooLarge}");
        }

        var qbft = new QbftOptions
        {
            BaseRoundTimeoutMs = consensus.RoundTimeoutMs,
            MaxRoundTimeoutMs = consensus.MaxRoundTimeoutMs,
        };
        ConsensusDriver driver;
        try
        {
            driver = new ConsensusDriver(
                chain,
                pool,
                executor,
                store,
                signer,
                network,
                qbft,
                new ConsensusDriverOptions
                {
                    BlockIntervalMs = options.BlockIntervalMs ?? consensus.BlockIntervalMs,
                    MaxTransactionsPerBlock = consensus.MaxTransactionsPerBlock,
                    // Half the first round's timeout: an idle proposer still answers well before the others give up on it.
                    MaxProposalWaitMs = Math.Max(1, consensus.RoundTimeoutMs / 2),
                },
                fatal,
                loggers,
                metrics,
                time);
        }
        catch (FormatException ex)
        {
            throw new NodeConfigurationException($"the stored consensus lock state is unreadable: {ex.Message}", ex);
        }

        return new ConsortiumParts(network, driver);
    }

    private sealed record ConsortiumParts(PeerNetwork Network, ConsensusDriver Driver);
}
