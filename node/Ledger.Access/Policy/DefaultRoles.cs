namespace Ledger.Access.Policy;

/// <summary>
/// The roles a node has when its configuration names none (configuration may replace any of them or add more).
/// docs/security.md has the table; keep the two in step.
/// </summary>
public static class DefaultRoles
{
    public const string Reader = "reader";
    public const string Submitter = "submitter";
    public const string Operator = "operator";
    public const string Regulator = "regulator";
    public const string Monitor = "monitor";

    /// <summary>Public chain data over JSON-RPC and gRPC; no submission, no pending payments, no voting.</summary>
    public static IReadOnlyList<string> ReaderMethods { get; } =
    [
        "eth_*", "!eth_sendRawTransaction", "!eth_sendTransaction",
        "net_*", "web3_*", "ledger_*", "qbft_get*", "txpool_status",
        "ledger.v1.LedgerApi/*", "!ledger.v1.LedgerApi/SubmitTransaction",
        "grpc.reflection.*",
    ];

    /// <summary>A reader that may also submit signed transactions (a bank's payment app, a DeFi integration).</summary>
    public static IReadOnlyList<string> SubmitterMethods { get; } =
    [
        .. ReaderMethods.Where(p => p is not ("!eth_sendRawTransaction" or "!ledger.v1.LedgerApi/SubmitTransaction")),
    ];

    /// <summary>Everything, naming the sensitive methods (wildcards never grant them).</summary>
    public static IReadOnlyList<string> OperatorMethods { get; } = ["*", .. SensitiveMethods.All];

    /// <summary>A reader that may also see pending payments and token holders (supervision); cannot submit or vote.</summary>
    public static IReadOnlyList<string> RegulatorMethods { get; } = [.. ReaderMethods, .. SensitiveMethods.PendingPaymentReads, SensitiveMethods.TokenHolders];

    /// <summary>Prometheus scrapers: <c>/metrics</c> and the consensus status only.</summary>
    public static IReadOnlyList<string> MonitorMethods { get; } = [AccessPolicy.MetricsMethod, "ledger_consensusStatus", "net_peerCount", "eth_blockNumber"];

    public static IReadOnlyList<AccessRole> All { get; } =
    [
        new(Reader, new MethodAllowlist(ReaderMethods), Audited: false),
        new(Submitter, new MethodAllowlist(SubmitterMethods), Audited: false),
        new(Operator, new MethodAllowlist(OperatorMethods), Audited: true),
        new(Regulator, new MethodAllowlist(RegulatorMethods), Audited: true),
        new(Monitor, new MethodAllowlist(MonitorMethods), Audited: false),
    ];
}
