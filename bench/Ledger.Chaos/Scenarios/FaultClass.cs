namespace Ledger.Chaos.Scenarios;

/// <summary>The kinds of scenario the campaign rotates through (scenario k of a campaign is class k mod the count).</summary>
public enum FaultClass
{
    /// <summary>No fault: the reference for throughput and latency.</summary>
    None,
    Delay,
    Bandwidth,
    Stall,
    Reset,
    OneWayPartition,
    TwoWayPartition,
    Kill,
    PauseProposer,
    RestartAll,
    WipeResync,
    DiskFull,
    ClockSkew,

    /// <summary>A network fault and a process fault at once.</summary>
    Mixed,
}
