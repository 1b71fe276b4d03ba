using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Ledger.JsonRpc.WebSockets;

/// <summary>Per-remote-address token buckets for HTTP, where each request may arrive on a new connection.</summary>
internal sealed class RateLimits(int perSecond, TimeProvider time)
{
    // Bounds memory under a spray of addresses: past this many tracked clients, the table starts over.
    private const int MaxTracked = 65_536;

    private readonly ConcurrentDictionary<IPAddress, RateLimiter> _clients = new();

    /// <summary>The bucket of the request's remote address, or null when there is no rate limit.</summary>
    public RateLimiter? For(HttpContext context)
    {
        if (perSecond <= 0)
        {
            return null;
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (_clients.Count > MaxTracked)
        {
            _clients.Clear();
        }

        return _clients.GetOrAdd(address, _ => new RateLimiter(perSecond, time));
    }
}
