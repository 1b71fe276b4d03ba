namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// From block <paramref name="FromHeight"/> on, the validators are the nodes <paramref name="Members"/> (in that order) —
/// what a committed Validators-module vote in block <c>FromHeight − 1</c> does on a real node. Nodes left out keep
/// running as observers: they receive messages and sync blocks but their votes no longer count.
/// </summary>
internal sealed record SetChangePlan(ulong FromHeight, IReadOnlyList<int> Members);
