namespace Ledger.Chaos.Scenarios;

/// <summary>
/// One fault window of a scenario: its class, length and steps (times relative to the window's start). At the end of
/// the window everything heals and the runner waits for the nodes to converge before the next segment.
/// </summary>
public sealed record ScenarioSegment(FaultClass Class, double WindowSeconds, IReadOnlyList<ScheduledFault> Steps)
{
    /// <summary>Restart a node whose clock was skewed with the true clock at this segment's heal.</summary>
    public bool FixClockAtHeal { get; init; }
}
