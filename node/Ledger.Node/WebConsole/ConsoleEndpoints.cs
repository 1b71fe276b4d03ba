using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Ledger.Node.WebConsole;

/// <summary>
/// Serves the web console at <c>/console/</c> on the JSON-RPC port. The console is static: it holds no secret,
/// signs nothing and reads the node only through JSON-RPC (HTTP and WebSocket on the same origin), so serving it
/// needs no access check of its own — the calls it makes pass the same access layer as any other client.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>
    /// Scripts, styles and images only from the node itself (no inline script, no CDN), connections only back to the
    /// node, no framing, no form posts, no plugins. Browsers differ on whether <c>'self'</c> covers <c>ws:</c>, so the
    /// WebSocket origin of the request's own host is listed too.
    /// </summary>
    internal const string PolicyTemplate =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' {ws}; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

    public const string BasePath = "/console";

    /// <summary>Maps <c>GET /console</c> (a redirect to <c>/console/</c>), <c>GET /console/</c> (the page) and <c>GET /console/{path}</c>.</summary>
    public static void MapLedgerConsole(this IEndpointRouteBuilder routes, ConsoleAssets assets)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(assets);
        routes.MapGet(BasePath + "/{**path}", (HttpContext context, string? path) =>
        {
            if (string.IsNullOrEmpty(path))
            {
                // Routing matches "/console" and "/console/" alike; relative module imports resolve against the
                // folder, so the page is only served from "/console/".
                return context.Request.Path.Value?.EndsWith('/') == true
                    ? Serve(context, assets, "index.html")
                    : Results.Redirect(BasePath + "/" + context.Request.QueryString, permanent: false);
            }

            return Serve(context, assets, path);
        });
    }

    private static IResult Serve(HttpContext context, ConsoleAssets assets, string path)
    {
        var response = context.Response;
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers[HeaderNames.XFrameOptions] = "DENY";
        response.Headers[HeaderNames.ContentSecurityPolicy] = Policy(context.Request);
        if (assets.Find(path) is not { } asset)
        {
            return Results.Text($"no console file '{path}'", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        // The files are not fingerprinted, so browsers revalidate on every load (cheap: a 304 by ETag) and a node
        // upgrade is seen at once; no-store is not needed since nothing here is secret.
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        response.Headers[HeaderNames.ETag] = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    /// <summary>The policy for this request; the host comes from Kestrel's already-validated Host header.</summary>
    internal static string Policy(HttpRequest request)
    {
        var host = request.Host;
        var ws = host.HasValue && IsPlainHost(host.Value) ? $"ws://{host.Value} wss://{host.Value}" : string.Empty;
        return PolicyTemplate.Replace("{ws}", ws, StringComparison.Ordinal);
    }

    /// <summary>Only letters, digits, dots, dashes, colons and brackets (IPv6) reach the header: nothing can end the directive.</summary>
    private static bool IsPlainHost(string host) =>
        host.Length <= 255 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
}
