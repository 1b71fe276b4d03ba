namespace Ledger.Simulation.Tests.Simulation;

/// <summary>Node <paramref name="Node"/> crashes at <paramref name="AtMs"/> and restarts from its store at <paramref name="RestartAtMs"/>.</summary>
internal sealed record CrashPlan(int Node, long AtMs, long RestartAtMs);
