using Ledger.Chaos.Cluster;

namespace Ledger.Chaos.Checks;

/// <summary>Samples every node's resident memory every two seconds and keeps the maximum per node.</summary>
public sealed class MemoryMonitor(IReadOnlyList<ChaosNode> nodes)
{
    private readonly long[] _max = new long[nodes.Count];

    public IReadOnlyList<double> MaxMiB => [.. _max.Select(b => Math.Round(b / 1048576.0, 1))];

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Sample()
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].ResidentBytes() is { } bytes && bytes > _max[i])
            {
                _max[i] = bytes;
            }
        }
    }

    public IEnumerable<Violation> Violations(long boundMiB) =>
        MaxMiB.Select((mib, node) => (mib, node))
            .Where(p => p.mib > boundMiB)
            .Select(p => new Violation(ViolationKind.MemoryBound, $"node {p.node} reached {p.mib:F0} MiB resident, above the {boundMiB} MiB bound"));
}
