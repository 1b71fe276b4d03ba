using System.Net;
using System.Net.Sockets;

namespace Ledger.Chaos.Cluster;

/// <summary>
/// Free loopback ports for the nodes, distinct within one call. A node binds its port 20–45 s after it was picked (the
/// process start on a loaded machine), so a port taken from the kernel's ephemeral range (bind to 0) can meanwhile become
/// the source port of any outgoing connection on the machine — with two campaigns and other engineers' tests running,
/// that happened ("address already in use", campaign scenario 55). Ports are therefore picked below the ephemeral range
/// (Linux's default 32768–60999), where the kernel never assigns source ports, starting at a random offset so that
/// concurrent runners rarely probe the same ports.
/// </summary>
internal static class FreePorts
{
    private const int Low = 20_000;
    private const int High = 32_768;

    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            var start = Random.Shared.Next(Low, High);
            for (var i = 0; i < High - Low && listeners.Count < count; i++)
            {
                var port = Low + ((start - Low + i) % (High - Low));
                if (TryListen(port) is { } listener)
                {
                    listeners.Add(listener);
                }
            }

            // Fallback (a crowded low range): the kernel's choice, as before.
            while (listeners.Count < count)
            {
                listeners.Add(TryListen(0) ?? throw new InvalidOperationException("no free loopback port"));
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }
}
