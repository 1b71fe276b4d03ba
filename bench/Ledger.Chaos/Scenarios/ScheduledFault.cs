namespace Ledger.Chaos.Scenarios;

/// <summary>An action at a time, in seconds after the fault window opens.</summary>
public sealed record ScheduledFault(double AtSeconds, FaultAction Action)
{
    public override string ToString() => $"+{AtSeconds,5:F1} s  {Action.Describe()}";
}
