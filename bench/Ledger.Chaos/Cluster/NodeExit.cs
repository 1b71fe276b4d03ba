namespace Ledger.Chaos.Cluster;

/// <summary>A node process that ended; <see cref="Expected"/> when the harness caused it (a kill, a stop, a filled disk).</summary>
public sealed record NodeExit(int Node, int ExitCode, bool Expected, TimeSpan At, string Why);
