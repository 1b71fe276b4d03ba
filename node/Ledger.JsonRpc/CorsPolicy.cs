using Microsoft.AspNetCore.Http;

namespace Ledger.JsonRpc;

/// <summary>
/// Minimal CORS for the JSON-RPC endpoint, only installed when origins are configured: answers preflights and
/// adds Access-Control-Allow-Origin for a listed origin (or any, with "*"). Unlisted origins get no headers.
/// </summary>
internal sealed class CorsPolicy(IReadOnlyList<string> origins)
{
    private readonly bool _any = origins.Contains("*");
    private readonly HashSet<string> _origins = new(origins, StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !(_any || _origins.Contains(origin)))
        {
            return next();
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = _any ? "*" : origin;
        headers.Vary = "Origin";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = "POST, GET, OPTIONS";
            headers.AccessControlAllowHeaders = "Content-Type";
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return next();
    }
}
