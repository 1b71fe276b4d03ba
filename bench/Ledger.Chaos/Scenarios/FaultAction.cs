using Ledger.Chaos.Proxy;

namespace Ledger.Chaos.Scenarios;

/// <summary>One thing the schedule does to the cluster. <see cref="Describe"/> is the line printed for reproduction.</summary>
public abstract record FaultAction
{
    /// <summary>The fault-count bucket this action adds to (docs/RELIABILITY.md "faults injected"), or null for a repair.</summary>
    public abstract string? Kind { get; }

    public abstract string Describe();
}

/// <summary>Sets the faults of the bytes <see cref="From"/> sends to <see cref="To"/>.</summary>
public sealed record SetLink(int From, int To, LinkFaults Faults) : FaultAction
{
    public override string? Kind => Faults.IsNone ? null
        : Faults.Partitioned ? "partition"
        : Faults.Stalled ? "stall"
        : Faults.BytesPerSecond > 0 ? "bandwidth"
        : "delay";

    public override string Describe() => $"link {From}→{To}: {Faults}";
}

/// <summary>TCP-resets every connection between two nodes.</summary>
public sealed record ResetLink(int A, int B) : FaultAction
{
    public override string? Kind => "reset";

    public override string Describe() => $"reset links {A}↔{B}";
}

/// <summary>SIGKILL of a node (or of the current proposer when <see cref="Node"/> is null).</summary>
public sealed record KillNode(int? Node) : FaultAction
{
    public override string? Kind => "kill";

    public override string Describe() => Node is { } n ? $"SIGKILL node {n}" : "SIGKILL the current proposer";
}

/// <summary>
/// Starts a stopped node again, on an empty data directory when <see cref="Wipe"/>. <see cref="Node"/> −1 is the node the
/// last "kill the current proposer" stopped.
/// </summary>
public sealed record StartNode(int Node, bool Wipe = false) : FaultAction
{
    public const int KilledProposer = -1;

    public override string? Kind => Wipe ? "wipe" : null;

    public override string Describe() =>
        (Node == KilledProposer ? "restart the killed proposer" : $"restart node {Node}") + (Wipe ? " on an EMPTY data directory" : "");
}

/// <summary>SIGSTOP of the current proposer (as the nodes report it) for <see cref="Seconds"/>, then SIGCONT.</summary>
public sealed record PauseProposer(int Seconds) : FaultAction
{
    public override string? Kind => "pause";

    public override string Describe() => $"SIGSTOP the current proposer for {Seconds} s";
}

/// <summary>All nodes at once: SIGKILL, or SIGTERM when <see cref="Graceful"/>; restarted after <see cref="DownSeconds"/>.</summary>
public sealed record RestartAll(bool Graceful, int DownSeconds) : FaultAction
{
    public override string? Kind => "restart-all";

    public override string Describe() => $"{(Graceful ? "SIGTERM" : "SIGKILL")} all nodes, restart them {DownSeconds} s later";
}

/// <summary>Fills a node's tmpfs until a write fails; the node must stop by itself.</summary>
public sealed record FillDisk(int Node) : FaultAction
{
    public override string? Kind => "disk-full";

    public override string Describe() => $"fill node {Node}'s disk";
}

/// <summary>
/// While the disk is full: SIGTERM the node (a graceful stop on a full disk must still end cleanly, exit 0 or 70) and try
/// to start it again (it must either serve or refuse with a setup error, never crash or hang).
/// </summary>
public sealed record RestartOnFullDisk(int Node) : FaultAction
{
    public override string? Kind => null;

    public override string Describe() => $"SIGTERM node {Node} on its full disk and try to start it again";
}

/// <summary>Frees a filled disk and starts the node again on the same data.</summary>
public sealed record FreeDisk(int Node) : FaultAction
{
    public override string? Kind => null;

    public override string Describe() => $"free node {Node}'s disk and restart it on the same data";
}

/// <summary>Restarts a node whose clock was skewed with the true clock (its NTP fixed).</summary>
public sealed record FixClock(int Node) : FaultAction
{
    public override string? Kind => null;

    public override string Describe() => $"restart node {Node} with the true clock";
}
