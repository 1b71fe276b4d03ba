using System.ComponentModel;
using System.Net;
using Ledger.JsonRpc;

namespace Ledger.Node.Configuration;

/// <summary>
/// Everything an operator can tune on a node, with its default and meaning beside it. Immutable; read from the
/// optional <c>--config</c> JSON file (camelCase names, unknown names refused) and checked by <see cref="Validate"/>
/// before anything starts, so a typo fails at start with the setting's name rather than later.
/// Consensus parameters (chain id, gas limit, transaction size) come from genesis, not from here.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>A bound on the history window: each retained block keeps the old value of every key it changed on disk.</summary>
    public const int MaxStateHistoryBlocks = 1_000_000;

    [Description("Interface the JSON-RPC, /health and /metrics listener binds (and the gRPC and API listeners unless grpcHost/apiHost say otherwise). Loopback by default.")]
    public string RpcHost { get; init; } = "127.0.0.1";

    [Description("Interface of the gRPC port (peer service, and the client API unless apiPort is set); null = rpcHost. Peers on the consortium network, clients elsewhere.")]
    public string? GrpcHost { get; init; }

    [Description("Port of a separate gRPC client API listener (ledger.v1, reflection, health); null = the API is served on the gRPC port beside the peer service. 0 picks a free port.")]
    public int? ApiPort { get; init; }

    [Description("Interface of the apiPort listener; null = rpcHost.")]
    public string? ApiHost { get; init; }

    [Description("TLS of the JSON-RPC/WebSocket listener (PEM files, reloaded when they change; client certificates from clientCaPath); null = plain HTTP.")]
    public ServerTlsSettings? RpcTls { get; init; }

    [Description("TLS of the apiPort listener; null = plaintext HTTP/2. Without apiPort the API shares the gRPC port and its peerTls.")]
    public ServerTlsSettings? ApiTls { get; init; }

    [Description("Authentication and authorization of client surfaces (bearer JWTs, client certificates, roles, audit log); null = open.")]
    public AuthSettings? Auth { get; init; }

    [Description("Let ledger run serve client APIs on a non-loopback interface without authentication (--insecure-no-auth). Never in production.")]
    public bool InsecureNoAuth { get; init; }

    [Description("JSON-RPC port (HTTP/1.1), also serving /health and /metrics. 0 picks a free port.")]
    public int RpcPort { get; init; } = 8545;

    [Description("gRPC port: peer service, wallet API and gRPC health. HTTP/2 without TLS, or HTTPS when peerTls is set. 0 picks a free port.")]
    public int GrpcPort { get; init; } = 50051;

    [Description("Minimum milliseconds between blocks; null uses the genesis consensus value.")]
    public int? BlockIntervalMs { get; init; }

    [Description("Seconds of idleness after which an empty heartbeat block is produced; 0 disables, null uses genesis.")]
    public int? EmptyBlockIntervalSeconds { get; init; }

    [Description("Most transactions the pool holds; when full, queued ones and then the largest sender's newest are evicted, else 'pool is full'.")]
    public int TxPoolCapacity { get; init; } = 200_000;

    [Description("Most bytes the pool holds (accounted: twice the raw size plus a fixed overhead per transaction).")]
    public long TxPoolMaxBytes { get; init; } = 512L * 1024 * 1024;

    [Description("Most pooled transactions per sender, so one account cannot fill the pool.")]
    public int TxPoolPerSenderCapacity { get; init; } = 1_024;

    [Description("Most pooled bytes per sender.")]
    public long TxPoolPerSenderMaxBytes { get; init; } = 32L * 1024 * 1024;

    [Description("How many nonces beyond its committed nonce a sender may have in flight (future window).")]
    public int TxPoolFutureWindow { get; init; } = 1_024;

    [Description("Seconds a transaction may wait behind a nonce gap before it is dropped as expired.")]
    public int TxPoolQueuedLifetimeSeconds { get; init; } = 600;

    [Description("Same-nonce replacements a sender may make per minute (each is gossiped to every peer).")]
    public int TxPoolReplacementsPerMinute { get; init; } = 30;

    [Description("Blocks whose state stays queryable (eth_call, eth_getTransactionCount, ledger_getProof at a past block), also after a restart; older states are pruned from disk. While running, the last 16 are also kept in memory.")]
    public int StateHistoryBlocks { get; init; } = 128;

    [Description("Run as a member node (syncs, verifies and serves, never votes) even when this data directory does not yet show the key on the consortium's member allowlist (a member voted in after the stored head). A key on the allowlist runs as a member without it.")]
    public bool Member { get; init; }

    [Description("Serve the read-only web console at /console/ on the JSON-RPC port (docs/console.md); false turns it off.")]
    public bool EnableConsole { get; init; } = true;

    [Description("Limits of the JSON-RPC endpoint (body size, batch size, log query ranges).")]
    public JsonRpcOptions JsonRpc { get; init; } = new();

    [Description("Peer TLS (certificate, key, consortium CA as PEM files); null = plaintext HTTP/2 on the gRPC port.")]
    public PeerTlsSettings? PeerTls { get; init; }

    [Description("Where the validator key lives (plain key file, keystore v3, or PKCS#11 token); the --key, --keystore and --pkcs11-* flags override it. See docs/security.md.")]
    public ValidatorKeySettings? ValidatorKey { get; init; }

    [Description("Folder where `ledger backup` writes online backups (RocksDB checkpoints; on the data directory's filesystem they are hard links, nearly free). null = online backups off.")]
    public string? BackupDirectory { get; init; }

    [Description("Where to dial genesis validators instead of their genesis host:grpcPort, as { \"0xADDRESS\": \"host:port\" } (NAT, load balancers, a fault proxy). Listening is unchanged.")]
    public IReadOnlyDictionary<string, string>? PeerEndpoints { get; init; }

    /// <summary>Throws <see cref="NodeConfigurationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(IPAddress.TryParse(RpcHost, out _), nameof(RpcHost), $"'{RpcHost}' is not an IP address");
        Require(GrpcHost is null || IPAddress.TryParse(GrpcHost, out _), nameof(GrpcHost), $"'{GrpcHost}' is not an IP address");
        Require(ApiHost is null || IPAddress.TryParse(ApiHost, out _), nameof(ApiHost), $"'{ApiHost}' is not an IP address");
        Require(ApiPort is null or (>= 0 and <= 65535), nameof(ApiPort), $"{ApiPort} is not a TCP port (0-65535; 0 picks a free one)");
        Require(ApiPort is null or 0 || (ApiPort != RpcPort && ApiPort != GrpcPort), nameof(ApiPort), "must differ from rpcPort and grpcPort");
        Require(ApiTls is null || ApiPort is not null, nameof(ApiTls), "needs apiPort (without it the API shares the gRPC port and its peerTls)");
        RequirePort(RpcPort, nameof(RpcPort));
        RequirePort(GrpcPort, nameof(GrpcPort));
        Require(RpcPort == 0 || RpcPort != GrpcPort, nameof(GrpcPort), $"must differ from rpcPort ({RpcPort})");
        Require(BlockIntervalMs is null or >= 0, nameof(BlockIntervalMs), "must not be negative");
        Require(EmptyBlockIntervalSeconds is null or >= 0, nameof(EmptyBlockIntervalSeconds), "must not be negative");
        Require(TxPoolCapacity > 0, nameof(TxPoolCapacity), "must be positive");
        Require(TxPoolPerSenderCapacity > 0 && TxPoolPerSenderCapacity <= TxPoolCapacity, nameof(TxPoolPerSenderCapacity), "must be positive and at most txPoolCapacity");
        Require(TxPoolFutureWindow > 0, nameof(TxPoolFutureWindow), "must be positive");
        Require(TxPoolMaxBytes > 0, nameof(TxPoolMaxBytes), "must be positive");
        Require(TxPoolPerSenderMaxBytes > 0 && TxPoolPerSenderMaxBytes <= TxPoolMaxBytes, nameof(TxPoolPerSenderMaxBytes), "must be positive and at most txPoolMaxBytes");
        Require(TxPoolQueuedLifetimeSeconds > 0, nameof(TxPoolQueuedLifetimeSeconds), "must be positive");
        Require(TxPoolReplacementsPerMinute >= 0, nameof(TxPoolReplacementsPerMinute), "must not be negative");
        Require(StateHistoryBlocks is >= 1 and <= MaxStateHistoryBlocks, nameof(StateHistoryBlocks), $"{StateHistoryBlocks} is not between 1 and {MaxStateHistoryBlocks}");
        Require(BackupDirectory is null || !string.IsNullOrWhiteSpace(BackupDirectory), nameof(BackupDirectory), "must not be empty (omit it to turn online backups off)");
        PeerTls?.Validate();
        RpcTls?.Validate("rpcTls");
        ApiTls?.Validate("apiTls");
        if (PeerEndpoints is not null && PeerEndpointOverrides.Problem(PeerEndpoints) is { } endpointProblem)
        {
            Require(false, nameof(PeerEndpoints), endpointProblem);
        }
        try
        {
            (JsonRpc ?? throw new ArgumentException("must not be null")).Validate();
        }
        catch (ArgumentException ex)
        {
            throw new NodeConfigurationException($"invalid setting 'jsonRpc': {ex.Message}");
        }
    }

    /// <summary>The interface of the gRPC port.</summary>
    public string EffectiveGrpcHost => GrpcHost ?? RpcHost;

    /// <summary>The interface where the gRPC client API is reached (its own listener, or the gRPC port).</summary>
    public string EffectiveApiHost => ApiPort is null ? EffectiveGrpcHost : ApiHost ?? RpcHost;

    private static void RequirePort(int port, string name) =>
        Require(port is >= 0 and <= 65535, name, $"{port} is not a TCP port (0-65535; 0 picks a free one)");

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new NodeConfigurationException($"invalid setting '{JsonNamingPolicyName(name)}': {problem}");
        }
    }

    private static string JsonNamingPolicyName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
