namespace Ledger.Chaos.Workload;

/// <summary>
/// When each node lost its memory: SIGKILL, a fatal exit (a full disk), a wiped data directory. A graceful SIGTERM is not
/// a crash (the pool is saved and re-admitted) and neither is SIGSTOP. The audit allows a node that crashed after
/// acknowledging a payment to have forgotten it; any other node must still know it.
/// </summary>
public sealed class CrashLog
{
    private readonly Lock _lock = new();
    private readonly List<(int Node, TimeSpan At, string What)> _crashes = [];

    public void Record(int node, TimeSpan at, string what)
    {
        lock (_lock)
        {
            _crashes.Add((node, at, what));
        }
    }

    /// <summary>True when <paramref name="node"/> crashed after <paramref name="since"/>.</summary>
    public bool CrashedSince(int node, TimeSpan since)
    {
        lock (_lock)
        {
            return _crashes.Any(c => c.Node == node && c.At >= since);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _crashes.Count;
            }
        }
    }
}
