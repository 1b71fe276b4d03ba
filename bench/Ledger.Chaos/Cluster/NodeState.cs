namespace Ledger.Chaos.Cluster;

/// <summary>Where a node process stands, as the harness left it.</summary>
public enum NodeState
{
    Stopped,
    Running,
    Paused,
}
