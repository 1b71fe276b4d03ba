using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Ledger.Console.Tests.Infrastructure;
using Ledger.LoadGen.Rpc;

namespace Ledger.Console.Tests;

/// <summary>How a node serves the console's files: content types, caching, the security headers, and the off switch.</summary>
public sealed partial class ConsoleServingTests : IDisposable
{
    private readonly ConsoleNode _node = ConsoleNode.Start();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose()
    {
        _http.Dispose();
        _node.Dispose();
    }

    [Fact]
    public async Task The_page_is_served_with_a_strict_content_security_policy()
    {
        using var response = await _http.GetAsync(_node.ConsoleUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://{_node.RpcUrl.Authority} wss://{_node.RpcUrl.Authority};", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Every_file_the_page_and_its_modules_import_is_served_with_its_content_type()
    {
        var pending = new Queue<string>(["index.html"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            using var response = await _http.GetAsync(new Uri(_node.ConsoleUrl, path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: HTTP {(int)response.StatusCode}");
            var expected = Path.GetExtension(path) switch
            {
                ".html" => "text/html",
                ".css" => "text/css",
                ".js" => "text/javascript",
                var other => throw new InvalidOperationException($"unexpected file type {other} ({path})"),
            };
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("http://", Regex.Replace(text, "http://www\\.w3\\.org/2000/svg", string.Empty), StringComparison.Ordinal); // nothing from elsewhere: works offline
            var folder = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : string.Empty;
            foreach (Match reference in References().Matches(text))
            {
                var target = new Uri(new Uri("http://x/console/" + folder), reference.Groups["path"].Value).AbsolutePath["/console/".Length..];
                pending.Enqueue(target);
            }
        }

        // index.html, the stylesheet, app.js and at least every page module.
        Assert.True(seen.Count >= 15, string.Join(", ", seen));
        Assert.Contains("js/pages/account.js", seen);
    }

    [Fact]
    public async Task A_file_is_revalidated_by_its_etag()
    {
        var url = new Uri(_node.ConsoleUrl, "js/app.js");
        using var first = await _http.GetAsync(url);
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag");

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await _http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        using var full = await _http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Fact]
    public async Task Unknown_files_are_404_and_the_bare_path_redirects_to_the_folder()
    {
        using var missing = await _http.GetAsync(new Uri(_node.ConsoleUrl, "js/nothing.js"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var traversal = await _http.GetAsync(new Uri(_node.RpcUrl, "/console/js/..%2F..%2Fgenesis.json"));
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);

        using var bare = await _http.GetAsync(new Uri(_node.RpcUrl, "/console"));
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/console/", bare.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_node_started_with_console_false_serves_no_console_but_still_json_rpc()
    {
        using var node = ConsoleNode.Start("--console", "false");

        using var page = await _http.GetAsync(node.ConsoleUrl);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(0UL, await node.Rpc.BlockNumberAsync());
    }

    // import … from './x.js', src="js/app.js", href="console.css" (not "#/…" routes, not data: URLs).
    [GeneratedRegex("""(?:from\s+'|src="|href=")(?<path>[./a-zA-Z][^'"#:]*\.(?:js|css))['"]""")]
    private static partial Regex References();
}
