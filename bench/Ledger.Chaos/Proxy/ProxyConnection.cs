using System.Net.Sockets;

namespace Ledger.Chaos.Proxy;

/// <summary>
/// One accepted client connection and its upstream connection, pumped both ways. <see cref="Reset"/> closes both sockets
/// with an RST (linger 0), as a middlebox dropping the flow would; when either side ends or fails, both are closed.
/// </summary>
internal sealed class ProxyConnection(Socket client, Socket upstream, LinkDirection clientToTarget, LinkDirection targetToClient, int seed)
{
    private readonly CancellationTokenSource _cts = new();
    private int _closed;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _cts.Token);
        var up = new Pump(client, upstream, clientToTarget, new Random(seed)).RunAsync(linked.Token);
        var down = new Pump(upstream, client, targetToClient, new Random(seed + 1)).RunAsync(linked.Token);
        try
        {
            // A failure in one direction ends the connection; a clean end of one direction leaves the other running
            // (a half-close) until it ends too.
            var first = await Task.WhenAny(up, down);
            if (first.IsFaulted || first.IsCanceled)
            {
                Reset();
            }

            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection is gone either way.
        }
        finally
        {
            Close(abortive: false);
        }
    }

    /// <summary>Closes both sockets with a TCP reset.</summary>
    public void Reset() => Close(abortive: true);

    private void Close(bool abortive)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _cts.Cancel();
        foreach (var socket in new[] { client, upstream })
        {
            try
            {
                if (abortive)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                socket.Close();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // already closed
            }
        }

        _cts.Dispose();
    }
}
