using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Chaos.Proxy;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of one node's gRPC port, used by one other node to reach it: bytes from the dialling
/// node pass through <see cref="Upstream"/> and the answers through <see cref="Downstream"/>, each with its own delay,
/// jitter, bandwidth cap, stall and partition (changed at run time on the shared <see cref="LinkDirection"/>s).
/// <see cref="ResetAll"/> resets every connection. A connection accepted while either direction is partitioned is
/// blackholed: held open, never forwarded, reset when the partition heals.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ProxyConnection, Task> _connections = new();
    private readonly ConcurrentDictionary<Socket, bool> _blackholed = new();
    private readonly Task _accepting;
    private readonly Task _healing;
    private readonly int _seed;
    private int _accepted;

    public FaultProxy(IPEndPoint target, LinkDirection upstream, LinkDirection downstream, int seed = 0)
    {
        _target = target;
        Upstream = upstream;
        Downstream = downstream;
        _seed = seed;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 64);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync(_stopping.Token);
        _healing = ReleaseBlackholesAsync(_stopping.Token);
    }

    /// <summary>The loopback port the dialling node is told to use for the target.</summary>
    public int Port { get; }

    public LinkDirection Upstream { get; }

    public LinkDirection Downstream { get; }

    public int ActiveConnections => _connections.Count + _blackholed.Count;

    /// <summary>Connections accepted so far (blackholed ones included).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Resets every forwarded and blackholed connection (TCP RST both ways); new connections are accepted as usual.</summary>
    public void ResetAll()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Reset();
        }

        ReleaseBlackholed();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        ResetAll();
        try
        {
            await Task.WhenAll([_accepting, _healing, .. _connections.Values]);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _accepted);
            client.NoDelay = true;
            if (Upstream.Faults.Partitioned || Downstream.Faults.Partitioned)
            {
                _blackholed[client] = true;
                continue;
            }

            _ = ForwardAsync(client, number, stopping);
        }
    }

    private async Task ForwardAsync(Socket client, int number, CancellationToken stopping)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(_target, stopping);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The target is down: refuse the client as the target itself would.
            client.LingerState = new LingerOption(true, 0);
            client.Close();
            upstream.Dispose();
            return;
        }

        var connection = new ProxyConnection(client, upstream, Upstream, Downstream, unchecked(_seed * 7919 + number * 2));
        var run = connection.RunAsync(stopping);
        _connections[connection] = run;
        try
        {
            await run;
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>When neither direction is partitioned any more, resets the connections accepted during the partition.</summary>
    private async Task ReleaseBlackholesAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.WhenAny(Upstream.ChangedAsync(stopping), Downstream.ChangedAsync(stopping));
                stopping.ThrowIfCancellationRequested();
                if (!Upstream.Faults.Partitioned && !Downstream.Faults.Partitioned)
                {
                    ReleaseBlackholed();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void ReleaseBlackholed()
    {
        foreach (var socket in _blackholed.Keys)
        {
            if (_blackholed.TryRemove(socket, out _))
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // already gone
                }
            }
        }
    }
}
