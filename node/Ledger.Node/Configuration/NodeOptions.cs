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

    [Description("Interface the JSON-RPC, /health, /metrics and gRPC listeners bind. Loopback by default: expose a node through a TLS proxy.")]
    public string RpcHost { get; init; } = "127.0.0.1";

    [Description("JSON-RPC port (HTTP/1.1), also serving /health and /metrics. 0 picks a free port.")]
    public int RpcPort { get; init; } = 8545;

    [Description("gRPC port: peer service, wallet API and gRPC health. HTTP/2 without TLS, or HTTPS when peerTls is set. 0 picks a free port.")]
    public int GrpcPort { get; init; } = 50051;

    [Description("Minimum milliseconds between blocks; null uses the genesis consensus value.")]
    public int? BlockIntervalMs { get; init; }

    [Description("Seconds of idleness after which an empty heartbeat block is produced; 0 disables, null uses genesis.")]
    public int? EmptyBlockIntervalSeconds { get; init; }

    [Description("Most transactions the pool holds; beyond it submissions get 'pool is full'.")]
    public int TxPoolCapacity { get; init; } = 200_000;

    [Description("Most pending transactions per sender, so one account cannot fill the pool.")]
    public int TxPoolPerSenderCapacity { get; init; } = 1_000;

    [Description("How many nonces beyond its next one a sender may submit ahead (future window).")]
    public int TxPoolFutureWindow { get; init; } = 64;

    [Description("Blocks whose state stays queryable (eth_call, eth_getTransactionCount, ledger_getProof at a past block), also after a restart; older states are pruned from disk. While running, the last 16 are also kept in memory.")]
    public int StateHistoryBlocks { get; init; } = 128;

    [Description("Limits of the JSON-RPC endpoint (body size, batch size, log query ranges).")]
    public JsonRpcOptions JsonRpc { get; init; } = new();

    [Description("Peer TLS (certificate, key, consortium CA as PEM files); null = plaintext HTTP/2 on the gRPC port.")]
    public PeerTlsSettings? PeerTls { get; init; }

    /// <summary>Throws <see cref="NodeConfigurationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(IPAddress.TryParse(RpcHost, out _), nameof(RpcHost), $"'{RpcHost}' is not an IP address");
        RequirePort(RpcPort, nameof(RpcPort));
        RequirePort(GrpcPort, nameof(GrpcPort));
        Require(RpcPort == 0 || RpcPort != GrpcPort, nameof(GrpcPort), $"must differ from rpcPort ({RpcPort})");
        Require(BlockIntervalMs is null or >= 0, nameof(BlockIntervalMs), "must not be negative");
        Require(EmptyBlockIntervalSeconds is null or >= 0, nameof(EmptyBlockIntervalSeconds), "must not be negative");
        Require(TxPoolCapacity > 0, nameof(TxPoolCapacity), "must be positive");
        Require(TxPoolPerSenderCapacity > 0 && TxPoolPerSenderCapacity <= TxPoolCapacity, nameof(TxPoolPerSenderCapacity), "must be positive and at most txPoolCapacity");
        Require(TxPoolFutureWindow >= 0, nameof(TxPoolFutureWindow), "must not be negative");
        Require(StateHistoryBlocks is >= 1 and <= MaxStateHistoryBlocks, nameof(StateHistoryBlocks), $"{StateHistoryBlocks} is not between 1 and {MaxStateHistoryBlocks}");
        PeerTls?.Validate();
        try
        {
            (JsonRpc ?? throw new ArgumentException("must not be null")).Validate();
        }
        catch (ArgumentException ex)
        {
            throw new NodeConfigurationException($"invalid setting 'jsonRpc': {ex.Message}");
        }
    }

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
