using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
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
    /// the others dial it. Every peer listed here must also be in <see cref="AllowedNodes"/>.
    /// </summary>
    public required IReadOnlyList<PeerEndpoint> Peers { get; init; }

    public IEcdsa Ecdsa { get; init; } = Core.Crypto.Ecdsa.Default;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Dial peers over TLS (https endpoints) and serve TLS; see <see cref="Tls"/>. Plaintext HTTP/2 (h2c) when false.</summary>
    public bool UseTls { get; init; }

    /// <summary>Certificates when <see cref="UseTls"/> is on.</summary>
    public PeerTlsOptions? Tls { get; init; }

    /// <summary>Envelopes waiting for one peer. When full the peer is too slow: its stream is closed and redialled, so a
    /// stuck peer never holds up consensus or memory.</summary>
    public int OutboundQueueCapacity { get; init; } = 8192;

    /// <summary>Inbound consensus messages / transaction batches waiting for the node; beyond it new ones are dropped
    /// (and counted): BFT tolerates loss, a node that cannot keep up must not run out of memory.</summary>
    public int InboundQueueCapacity { get; init; } = 65536;

    /// <summary>Largest gRPC message sent or accepted (a proposal carries a whole block).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Transactions per gossip envelope; the per-peer writer merges queued batches up to this many.</summary>
    public int MaxTransactionsPerBatch { get; init; } = 512;

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
        Require(InboundQueueCapacity >= 16, nameof(InboundQueueCapacity), "must be at least 16");
        Require(MaxMessageBytes >= 64 * 1024, nameof(MaxMessageBytes), "must be at least 64 KiB");
        Require(MaxTransactionsPerBatch >= 1, nameof(MaxTransactionsPerBatch), "must be at least 1");
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
