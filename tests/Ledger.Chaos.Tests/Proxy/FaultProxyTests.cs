using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ledger.Chaos.Proxy;

namespace Ledger.Chaos.Tests.Proxy;

/// <summary>Each fault of the proxy really happens: bytes are delayed at least as configured, held, paced, cut and reset.</summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly LinkDirection _up = new(0, 1);
    private readonly LinkDirection _down = new(1, 0);
    private EchoServer _echo = null!;
    private FaultProxy _proxy = null!;

    public Task InitializeAsync()
    {
        _echo = new EchoServer();
        _proxy = new FaultProxy(_echo.EndPoint, _up, _down, seed: 7);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _echo.DisposeAsync();
    }

    [Fact]
    public async Task Without_faults_a_megabyte_passes_unchanged_both_ways()
    {
        using var client = await ConnectAsync();
        var data = new byte[1 << 20];
        new Random(1).NextBytes(data);

        var echoed = ReadExactlyAsync(client, data.Length);
        await client.SendAsync(data, SocketFlags.None);

        Assert.Equal(data, await echoed);

        // The pump counts a chunk after its send returns, so the client can read the last echoed bytes just before
        // the down direction's counter moves (a race seen on a loaded machine): wait for it, bounded.
        for (var i = 0; i < 100 && _down.BytesForwarded < data.Length; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(_up.BytesForwarded >= data.Length && _down.BytesForwarded >= data.Length, $"forwarded up {_up.BytesForwarded}, down {_down.BytesForwarded} of {data.Length}");
    }

    [Fact]
    public async Task Delay_on_each_direction_adds_at_least_its_configured_time_to_a_round_trip()
    {
        using var client = await ConnectAsync();
        await RoundTripAsync(client, 100); // the connection is up before timing
        _up.Faults = new LinkFaults { DelayMs = 150, JitterMs = 50 };
        _down.Faults = new LinkFaults { DelayMs = 100 };

        var watch = Stopwatch.StartNew();
        await RoundTripAsync(client, 100);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"a round trip took {watch.Elapsed.TotalMilliseconds:F0} ms with 150 + 100 ms of delay");
    }

    [Fact]
    public async Task A_partitioned_direction_delivers_nothing_until_it_heals_then_everything_in_order()
    {
        using var client = await ConnectAsync();
        await RoundTripAsync(client, 10);
        var before = _echo.Received;
        _up.Faults = new LinkFaults { Partitioned = true };
        var data = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();

        var echoed = ReadExactlyAsync(client, data.Length);
        await client.SendAsync(data, SocketFlags.None);
        await Task.Delay(500);
        Assert.Equal(before, _echo.Received);

        _up.Faults = LinkFaults.None;
        Assert.Equal(data, await echoed);
    }

    [Fact]
    public async Task A_one_way_partition_cuts_only_its_direction()
    {
        using var client = await ConnectAsync();
        await RoundTripAsync(client, 10);
        _down.Faults = new LinkFaults { Partitioned = true };

        var echoed = ReadExactlyAsync(client, 1_000);
        await client.SendAsync(new byte[1_000], SocketFlags.None);
        await WaitUntilAsync(() => _echo.Received >= 1_010, "the server receives what the client sends");
        await Task.Delay(300);
        Assert.False(echoed.IsCompleted, "the answer crossed a partitioned direction");

        _down.Faults = LinkFaults.None;
        Assert.Equal(1_000, (await echoed).Length);
    }

    [Fact]
    public async Task A_connection_opened_during_a_partition_is_never_forwarded_and_is_reset_when_it_heals()
    {
        _up.Faults = new LinkFaults { Partitioned = true };
        using var client = await ConnectAsync();
        await client.SendAsync(new byte[100], SocketFlags.None);
        await Task.Delay(500);
        Assert.Equal(0, _echo.Accepted);

        _up.Faults = LinkFaults.None;

        Assert.True(await IsClosedAsync(client), "the blackholed connection was not closed at the heal");
        Assert.Equal(0, _echo.Accepted);
    }

    [Fact]
    public async Task A_stall_holds_the_bytes_of_existing_and_new_connections_then_delivers_them()
    {
        using var first = await ConnectAsync();
        await RoundTripAsync(first, 10);
        _up.Faults = new LinkFaults { Stalled = true };
        using var second = await ConnectAsync();
        await WaitUntilAsync(() => _echo.Accepted == 2, "a stall, unlike a partition, lets new connections open");

        var echoed = ReadExactlyAsync(second, 500);
        await second.SendAsync(new byte[500], SocketFlags.None);
        await Task.Delay(400);
        Assert.False(echoed.IsCompleted);

        _up.Faults = LinkFaults.None;
        Assert.Equal(500, (await echoed).Length);
    }

    [Fact]
    public async Task Reset_closes_the_connection_on_both_sides()
    {
        using var client = await ConnectAsync();
        await RoundTripAsync(client, 10);

        _proxy.ResetAll();

        Assert.True(await IsClosedAsync(client), "the client's connection survived a reset");
        await WaitUntilAsync(() => _proxy.ActiveConnections == 0, "the proxy forgets the reset connection");
    }

    [Fact]
    public async Task A_bandwidth_cap_paces_the_bytes_to_at_most_its_rate()
    {
        using var client = await ConnectAsync();
        await RoundTripAsync(client, 10);
        _up.Faults = new LinkFaults { BytesPerSecond = 64 * 1024 };
        var data = new byte[128 * 1024];

        var echoed = ReadExactlyAsync(client, data.Length);
        var watch = Stopwatch.StartNew();
        await client.SendAsync(data, SocketFlags.None);
        await echoed;

        // 128 KiB at 64 KiB/s is 2 s; the first slice (1/20 s) may go at once.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"128 KiB crossed a 64 KiB/s cap in {watch.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public async Task Small_messages_under_a_bandwidth_cap_keep_their_connection()
    {
        using var client = await ConnectAsync();
        _up.Faults = new LinkFaults { BytesPerSecond = 133 * 1024, DelayMs = 5 };
        _down.Faults = new LinkFaults { BytesPerSecond = 133 * 1024 };

        for (var i = 0; i < 50; i++)
        {
            await RoundTripAsync(client, 1 + (i * 7 % 300));
        }

        Assert.Equal(1, _echo.Accepted);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _proxy.Port));
        return socket;
    }

    private static async Task RoundTripAsync(Socket client, int bytes)
    {
        var echoed = ReadExactlyAsync(client, bytes);
        await client.SendAsync(new byte[bytes], SocketFlags.None);
        await echoed;
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        using var limit = new CancellationTokenSource(Patience);
        var buffer = new byte[count];
        var offset = 0;
        while (offset < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(offset), SocketFlags.None, limit.Token);
            if (read == 0)
            {
                throw new IOException($"the connection closed after {offset} of {count} bytes");
            }

            offset += read;
        }

        return buffer;
    }

    private static async Task<bool> IsClosedAsync(Socket socket)
    {
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            var buffer = new byte[1024];
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true; // reset
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > Patience)
            {
                Assert.Fail($"not within {Patience.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
