using System.Collections.Concurrent;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc.Tests.Infrastructure;

/// <summary>
/// An <see cref="RpcConnection"/> without a socket: records what is sent and why it was closed, and can hold the
/// sender (the subscription dispatcher) inside its first send until <see cref="Release"/>, to stand for a
/// dispatcher that is slow or stuck.
/// </summary>
public sealed class RecordingConnection : IDisposable
{
    // Bounds every wait of a test on the dispatcher, so a bug fails the test instead of hanging it.
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim _gate;
    private readonly SemaphoreSlim _received = new(0);
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingConnection(bool blockFirstSend = false)
    {
        _gate = new ManualResetEventSlim(!blockFirstSend);
        Connection = new RpcConnection(Send, reason => _closed.TrySetResult(reason));
    }

    public RpcConnection Connection { get; }

    public ConcurrentQueue<(byte[] Message, int ThreadId)> Sent { get; } = new();

    /// <summary>Completes when the first send is being held (the dispatcher is stuck in it).</summary>
    public Task Blocked => _blocked.Task;

    /// <summary>Completes with the reason when the manager closes the connection.</summary>
    public Task<string> Closed => _closed.Task;

    public void Release() => _gate.Set();

    /// <summary>Waits (bounded) until <paramref name="count"/> messages were sent in all.</summary>
    public async Task WaitForAsync(int count)
    {
        while (Sent.Count < count)
        {
            Assert.True(await _received.WaitAsync(Wait), $"only {Sent.Count} of {count} messages arrived");
        }
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        _received.Dispose();
    }

    private bool Send(byte[] message)
    {
        if (!_gate.IsSet)
        {
            _blocked.TrySetResult();
            Assert.True(_gate.Wait(Wait), "the test never released the held send");
        }

        Sent.Enqueue((message, Environment.CurrentManagedThreadId));
        _received.Release();
        return true;
    }
}
