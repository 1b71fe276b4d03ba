namespace Ledger.Chaos.Scenarios;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// How long into a fault window before its heads are sampled. The one height whose commit seals were delivered
    /// before a cut may still finalise after it (local work of milliseconds), and the observers poll every 250 ms:
    /// 5 s covers both with room on a loaded machine, and leaves most of a window to catch a link that bypasses the proxy.
    /// </summary>
    private static readonly TimeSpan WindowSettle = TimeSpan.FromSeconds(5);

    private readonly List<int?> _windowBlocks = [];

    /// <summary>Every node's head <see cref="WindowSettle"/> into a window; null when the window is not longer than that.</summary>
    private async Task<ulong[]?> HeadsIntoWindowAsync(ScenarioSegment segment, TimeSpan windowStart, CancellationToken cancellationToken)
    {
        if (TimeSpan.FromSeconds(segment.WindowSeconds) <= WindowSettle)
        {
            return null;
        }

        await WaitUntilAsync(windowStart + WindowSettle, cancellationToken);
        return [.. Enumerable.Range(0, _cluster.Nodes.Count).Select(_chain.HeadOf)];
    }

    /// <summary>
    /// Blocks finalised while the faults held: how far the highest head of any node rose from <see cref="WindowSettle"/>
    /// into the window until the heal. The highest head, not each node's: a node catching up inside its own side of a
    /// split (synced blocks the others finalised before it) adds no new height. A 2|2 split leaves no quorum on either
    /// side, so there it must be 0 — anything else means the nodes reached each other around the proxy.
    /// </summary>
    private int? FinalisedInWindow(ulong[]? settled)
    {
        if (settled is null)
        {
            return null;
        }

        var heads = Enumerable.Range(0, settled.Length).Select(_chain.HeadOf).ToList();
        var advance = heads.Max() > settled.Max() ? (int)(heads.Max() - settled.Max()) : 0;
        log.WriteLine($"new heights in the window after {WindowSettle.TotalSeconds:0} s: {advance} (heads {string.Join(", ", settled.Select((h, n) => $"node {n} {h}→{heads[n]}"))})");
        return advance;
    }
}
