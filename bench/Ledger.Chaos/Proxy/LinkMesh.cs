using System.Net;

namespace Ledger.Chaos.Proxy;

/// <summary>
/// Every peer link of an n-node consortium through a <see cref="FaultProxy"/>: node i reaches node j at
/// <see cref="PortFor"/>(i, j), a proxy whose upstream is the direction i→j and downstream j→i. Both proxies between a
/// pair (the consensus stream is dialled by one node, block sync by either) share the two directions, so a fault set
/// on a direction applies to all bytes between the pair that way.
/// </summary>
public sealed class LinkMesh : IAsyncDisposable
{
    private readonly LinkDirection[,] _directions;
    private readonly FaultProxy?[,] _proxies;

    public LinkMesh(IReadOnlyList<IPEndPoint> grpcEndpoints, int seed)
    {
        ArgumentNullException.ThrowIfNull(grpcEndpoints);
        Count = grpcEndpoints.Count;
        _directions = new LinkDirection[Count, Count];
        _proxies = new FaultProxy?[Count, Count];
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < Count; j++)
            {
                _directions[i, j] = new LinkDirection(i, j);
            }
        }

        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < Count; j++)
            {
                if (i != j)
                {
                    _proxies[i, j] = new FaultProxy(grpcEndpoints[j], _directions[i, j], _directions[j, i], unchecked(seed + (i * 31) + j));
                }
            }
        }
    }

    public int Count { get; }

    /// <summary>The loopback port node <paramref name="from"/> dials to reach node <paramref name="to"/>.</summary>
    public int PortFor(int from, int to) => Proxy(from, to).Port;

    public LinkDirection Direction(int from, int to) =>
        from != to ? _directions[from, to] : throw new ArgumentException($"node {from} has no link to itself");

    /// <summary>Sets the faults of bytes sent from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Set(int from, int to, LinkFaults faults) => Direction(from, to).Faults = faults;

    /// <summary>Resets every connection between <paramref name="a"/> and <paramref name="b"/> (either dialled).</summary>
    public void Reset(int a, int b)
    {
        Proxy(a, b).ResetAll();
        Proxy(b, a).ResetAll();
    }

    /// <summary>Clears every fault of every direction (the heal).</summary>
    public void ClearAll()
    {
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < Count; j++)
            {
                if (i != j)
                {
                    _directions[i, j].Faults = LinkFaults.None;
                }
            }
        }
    }

    /// <summary>The directions that currently carry a fault, for logs.</summary>
    public IEnumerable<LinkDirection> Faulty()
    {
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < Count; j++)
            {
                if (i != j && !_directions[i, j].Faults.IsNone)
                {
                    yield return _directions[i, j];
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies)
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    private FaultProxy Proxy(int from, int to) =>
        _proxies[from, to] ?? throw new ArgumentException($"node {from} has no link to itself");
}
