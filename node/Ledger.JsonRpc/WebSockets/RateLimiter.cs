namespace Ledger.JsonRpc.WebSockets;

/// <summary>
/// A token bucket: <c>perSecond</c> calls per second with a burst of the same size; 0 = unlimited. Every call
/// costs one token, including each call of a batch, so batching never multiplies a client's rate. Thread-safe:
/// HTTP shares one per remote address between concurrent requests.
/// </summary>
public sealed class RateLimiter(int perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = perSecond;
    private long _last = time.GetTimestamp();

    /// <summary>Calls per second (0 = unlimited).</summary>
    public int PerSecond => perSecond;

    /// <summary>Takes one token; false when the client has used up its rate.</summary>
    public bool TryTake()
    {
        if (perSecond <= 0)
        {
            return true;
        }

        lock (_lock)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    /// <summary>True when at least one call would be allowed now (takes nothing): lets a transport refuse before parsing.</summary>
    public bool HasToken()
    {
        if (perSecond <= 0)
        {
            return true;
        }

        lock (_lock)
        {
            Refill();
            return _tokens >= 1;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(perSecond, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
    }
}
