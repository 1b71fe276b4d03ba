using System.Net.Http.Headers;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

/// <summary>
/// The bearer token (a JWT from <c>ledger token issue</c>) the wallet sends to a node that requires authentication
/// (docs/security.md). It is read from a file, never from the command line, so it stays out of shell history and
/// process listings; errors name the file, never its content.
/// </summary>
public static class BearerToken
{
    /// <summary>A token is one line of base64url parts; anything much longer is not a token file.</summary>
    private const int MaxBytes = 16 * 1024;

    /// <summary>Reads the token in <paramref name="path"/>: one line, surrounding whitespace ignored.</summary>
    public static string Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw WalletException.Usage($"--token-file '{path}' does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw WalletException.Usage($"--token-file '{path}' is {info.Length} bytes: not a token (at most {MaxBytes})");
            }

            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WalletException.Usage($"cannot read --token-file '{path}': {ex.Message}");
        }

        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw WalletException.Usage($"--token-file '{path}' must hold one token on one line");
        }

        return text;
    }

    /// <summary>An HTTP handler adding <c>Authorization: Bearer …</c> to every request (gRPC calls and JSON-RPC posts alike).</summary>
    public static HttpMessageHandler Handler(HttpMessageHandler inner, string? token) =>
        token is null ? inner : new BearerHandler(inner, token);

    private sealed class BearerHandler(HttpMessageHandler inner, string token) : DelegatingHandler(inner)
    {
        private readonly AuthenticationHeaderValue _header = new("Bearer", token);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = _header;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
