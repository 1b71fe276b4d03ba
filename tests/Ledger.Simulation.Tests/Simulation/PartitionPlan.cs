namespace Ledger.Simulation.Tests.Simulation;

/// <summary>From <paramref name="AtMs"/> to <paramref name="HealAtMs"/> only nodes with the same side value talk.</summary>
internal sealed record PartitionPlan(long AtMs, long HealAtMs, IReadOnlyList<int> Side);
