namespace Ledger.JsonRpc.WebSockets;

/// <summary>
/// A token bucket: <c>perSecond</c> requests per second with a burst of the same size; 0 = unlimited.
/// One per client, used from that client's request loop (HTTP uses a locked instance per remote address).
/// </summary>
public sealed class RateLimiter(int perSecond, TimeProvider time)
{
    private double _tokens = perSecond;
    private long _last = time.GetTimestamp();

    /// <summary>Takes one token; false when the client has used up its rate.</summary>
    public bool TryTake()
    {
        if (perSecond <= 0)
        {
            return true;
        }

        var now = time.GetTimestamp();
        _tokens = Math.Min(perSecond, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
