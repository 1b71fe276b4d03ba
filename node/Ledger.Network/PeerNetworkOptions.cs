using Ledger.Consensus.Messages;
using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Network.Transport;

namespace Ledger.Network;

/// <summary>
/// Everything a <see cref="PeerNetwork"/> needs, immutable. <see cref="AllowedNodes"/> is the permissioned node list: the
/// validator set from genesis plus any non-validator nodes the operator admits. Call <see cref="Validate"/> (the
/// network does) to get a clear error for a bad value.
/// </summary>
public sealed record PeerNetworkOptions
{
    /// <summary>This node's key; its address is the identity proven in handshakes and sync requests.</summary>
    public required IConsensusSigner Signer { get; init; }

    public required ulong ChainId { get; init; }

    /// <summary>Hash of block 0 (<c>ChainStore.GenesisHash</c>): nodes of another chain with the same id are refused.</summary>
    public required Hash32 GenesisHash { get; init; }

    /// <summary>Nodes allowed to connect and to sync from this node. This node's own address may be listed.</summary>
    public required IReadOnlyList<Address> AllowedNodes { get; init; }

    /// <summary>
    /// Peers with known endpoints. This node dials those whose address is greater than its own (one stream per pair);
    /// the others dial it (all of them with <see cref="DialEveryPeer"/>). Every peer listed here must also be in <see cref="AllowedNodes"/>.
    /// </summary>
    public required IReadOnlyList<PeerEndpoint> Peers { get; init; }

    /// <summary>
    /// Dial every peer in <see cref="Peers"/> whatever the addresses' order: a member node (it never votes) opens its
    /// streams to the validators itself, and the validators only accept them. False: dial only larger addresses.
    /// </summary>
    public bool DialEveryPeer { get; init; }

    public IEcdsa Ecdsa { get; init; } = Core.Crypto.Ecdsa.Default;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Dial peers over TLS (https endpoints) and serve TLS; see <see cref="Tls"/>. Plaintext HTTP/2 (h2c) when false.</summary>
    public bool UseTls { get; init; }

    /// <summary>Certificates when <see cref="UseTls"/> is on.</summary>
    public PeerTlsOptions? Tls { get; init; }

    /// <summary>Consensus envelopes waiting for one peer. When full the peer is too slow: its stream is closed and
    /// redialled, so a stuck peer never holds up consensus or memory.</summary>
    public int OutboundQueueCapacity { get; init; } = 8192;

    /// <summary>Bytes of consensus envelopes waiting for one peer (proposals carry blocks); beyond it, as for the count.</summary>
    public long OutboundQueueBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Gossip envelopes waiting for one peer, in a queue of their own: gossip never delays or displaces consensus
    /// messages, and when this queue is full new gossip for that peer is dropped (and counted), the stream stays up.
    /// </summary>
    public int GossipQueueCapacity { get; init; } = 8192;

    /// <summary>Bytes of gossip waiting for one peer; beyond it, as for the count.</summary>
    public long GossipQueueBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Inbound consensus messages / transaction batches waiting for the node; beyond it new ones are dropped
    /// (and counted): BFT tolerates loss, a node that cannot keep up must not run out of memory.</summary>
    public int InboundQueueCapacity { get; init; } = 65536;

    /// <summary>Bytes each inbound queue (consensus, transactions) may hold; beyond it, as for the count.</summary>
    public long InboundQueueBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Largest gRPC message sent or accepted (a proposal carries a whole block; see <see cref="BlockLimits"/>).</summary>
    public int MaxMessageBytes { get; init; } = BlockLimits.PeerMessageBytes;

    /// <summary>Most transactions in one gossip envelope, sent or accepted (a larger inbound batch is dropped whole).</summary>
    public int MaxTransactionsPerBatch { get; init; } = 512;

    /// <summary>Most bytes of raw transactions in one gossip envelope, sent or accepted (a larger inbound batch is dropped whole).</summary>
    public int MaxTransactionBatchBytes { get; init; } = 1024 * 1024;

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How far a Hello's or sync request's timestamp may be from this node's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most blocks one SyncBlocks call returns, whatever the client asks for.</summary>
    public int MaxSyncBlocksPerRequest { get; init; } = 1024;

    /// <summary>A sync client gives up on a peer that sends nothing for this long.</summary>
    public TimeSpan SyncIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Encoded block (with certificate) by height, null past the head; serves SyncBlocks. Null: sync refused.</summary>
    public Func<ulong, byte[]?>? BlockSource { get; init; }

    /// <summary>
    /// Options for a genesis validator: permissioned list = validators + <paramref name="extraAllowedNodes"/>, peers =
    /// the other validators' Host/GrpcPort + <paramref name="extraPeers"/>.
    /// </summary>
    public static PeerNetworkOptions FromGenesis(
        GenesisConfig genesis,
        Hash32 genesisHash,
        IConsensusSigner signer,
        IReadOnlyList<Address>? extraAllowedNodes = null,
        IReadOnlyList<PeerEndpoint>? extraPeers = null,
        bool useTls = false)
    {
        var allowed = new List<Address>(genesis.ValidatorAddresses());
        allowed.AddRange(extraAllowedNodes ?? []);
        var peers = new List<PeerEndpoint>();
        foreach (var validator in genesis.Validators)
        {
            if (validator.Address != signer.Address)
            {
                peers.Add(PeerEndpoint.FromValidator(validator, useTls));
            }
        }

        peers.AddRange(extraPeers ?? []);
        return new PeerNetworkOptions
        {
            Signer = signer,
            ChainId = genesis.ChainId,
            GenesisHash = genesisHash,
            AllowedNodes = allowed,
            Peers = peers,
            UseTls = useTls,
        };
    }

    /// <summary>Protobuf framing of a consensus message or a synced block inside its envelope (tags and lengths).</summary>
    public const int EnvelopeOverheadBytes = 16;

    /// <summary>
    /// Why a chain whose blocks may reach <paramref name="maxBlockBytes"/> (genesis <c>maxBlockBytes</c>) and whose
    /// certificates carry up to <paramref name="validators"/> seals could not run over these options, or null: the largest
    /// consensus message (<see cref="ConsensusMessageCodec.MaxEncodedBytes"/>) and the largest synced block (block plus
    /// certificate) must fit <see cref="MaxMessageBytes"/>, or every proposal of a full block would fail to send.
    /// </summary>
    public string? CheckBlockFits(long maxBlockBytes, int validators)
    {
        var proposal = ConsensusMessageCodec.MaxEncodedBytes(maxBlockBytes) + EnvelopeOverheadBytes;
        var synced = maxBlockBytes + BlockLimits.CertificateBytes(validators) + EnvelopeOverheadBytes;
        var largest = Math.Max(proposal, synced);
        return largest <= MaxMessageBytes
            ? null
            : $"a block of maxBlockBytes ({maxBlockBytes}) makes peer messages of up to {largest} bytes, more than the peer message limit ({MaxMessageBytes})";
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Require(AllowedNodes.Count > 0, nameof(AllowedNodes), "must list at least one node");
        var allowed = new HashSet<Address>(AllowedNodes);
        var seen = new HashSet<Address>();
        foreach (var peer in Peers)
        {
            Require(peer.Address != Signer.Address, nameof(Peers), $"lists this node itself ({peer.Address})");
            Require(allowed.Contains(peer.Address), nameof(Peers), $"peer {peer.Address} is not in {nameof(AllowedNodes)}");
            Require(seen.Add(peer.Address), nameof(Peers), $"peer {peer.Address} is listed twice");
            var scheme = peer.Endpoint.Scheme;
            Require(
                scheme == (UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp),
                nameof(Peers),
                $"peer {peer.Address} endpoint {peer.Endpoint} must use {(UseTls ? "https" : "http")} when {nameof(UseTls)} is {UseTls}");
        }

        Require(!UseTls || Tls is not null, nameof(Tls), $"is required when {nameof(UseTls)} is on");
        Require(OutboundQueueCapacity >= 16, nameof(OutboundQueueCapacity), "must be at least 16");
        Require(GossipQueueCapacity >= 16, nameof(GossipQueueCapacity), "must be at least 16");
        Require(InboundQueueCapacity >= 16, nameof(InboundQueueCapacity), "must be at least 16");
        Require(MaxMessageBytes >= 64 * 1024, nameof(MaxMessageBytes), "must be at least 64 KiB");

        // A queue that cannot hold one message of the largest size would refuse every maximum proposal.
        Require(OutboundQueueBytes >= MaxMessageBytes, nameof(OutboundQueueBytes), $"must be at least {nameof(MaxMessageBytes)}");
        Require(InboundQueueBytes >= MaxMessageBytes, nameof(InboundQueueBytes), $"must be at least {nameof(MaxMessageBytes)}");
        Require(MaxTransactionsPerBatch >= 1, nameof(MaxTransactionsPerBatch), "must be at least 1");
        Require(
            MaxTransactionBatchBytes >= TransactionDecoder.MaxEncodedLength && MaxTransactionBatchBytes <= MaxMessageBytes / 2,
            nameof(MaxTransactionBatchBytes),
            $"must hold the largest transaction ({TransactionDecoder.MaxEncodedLength} bytes) and be at most half of {nameof(MaxMessageBytes)}");
        Require(GossipQueueBytes >= MaxTransactionBatchBytes, nameof(GossipQueueBytes), $"must be at least {nameof(MaxTransactionBatchBytes)}");
        Require(HandshakeTimeout > TimeSpan.Zero, nameof(HandshakeTimeout), "must be positive");
        Require(MaxClockSkew > TimeSpan.Zero, nameof(MaxClockSkew), "must be positive");
        Require(ReconnectBaseDelay > TimeSpan.Zero, nameof(ReconnectBaseDelay), "must be positive");
        Require(ReconnectMaxDelay >= ReconnectBaseDelay, nameof(ReconnectMaxDelay), $"must be at least {nameof(ReconnectBaseDelay)}");
        Require(SyncIdleTimeout > TimeSpan.Zero, nameof(SyncIdleTimeout), "must be positive");
        Require(MaxSyncBlocksPerRequest >= 1, nameof(MaxSyncBlocksPerRequest), "must be at least 1");
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"peer network option {name} {message}", name);
        }
    }
}
