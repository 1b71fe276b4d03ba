namespace Ledger.Chaos.Scenarios;

/// <summary>How scenarios run (the same for every scenario of a campaign).</summary>
public sealed record RunnerOptions
{
    /// <summary>Scratch folder for clusters (one sub-folder per scenario, deleted unless it failed and <see cref="KeepFailed"/>).</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "ledger-chaos");

    public int Accounts { get; init; } = 16;

    public int Merchants { get; init; } = 2;

    public int InvoicesPerMerchant { get; init; } = 60;

    /// <summary>Payments offered per second during the scenario.</summary>
    public int Rate { get; init; } = 40;

    /// <summary>Fault-free seconds before the fault window (the scenario's own throughput reference).</summary>
    public double WarmSeconds { get; init; } = 8;

    /// <summary>Seconds of load after the nodes converged, before the workload stops.</summary>
    public double AfterHealSeconds { get; init; } = 5;

    /// <summary>After the heal all nodes must reach the highest head seen at the heal within this (the 30 s).</summary>
    public TimeSpan ConvergeWithin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the workload may take to see every signed payment's nonce commit after it stops.</summary>
    public TimeSpan DrainWithin { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Bound on each node's resident memory.</summary>
    public long MaxResidentMiB { get; init; } = 2048;

    /// <summary>Keep the scratch folder (node logs, data) of a failed scenario.</summary>
    public bool KeepFailed { get; init; } = true;

    /// <summary>Keep every scenario's scratch folder, passed or not (for reading node logs).</summary>
    public bool KeepAll { get; init; }
}
