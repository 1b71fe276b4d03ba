using System.Globalization;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

/// <summary>Parses <c>--node HOST:PORT</c> (or an http:// URL) into the gRPC endpoint.</summary>
public static class NodeAddress
{
    public const string Default = "127.0.0.1:50051";

    public static Uri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.IsDefaultPort && !text.Contains(':', StringComparison.Ordinal)
            || uri.AbsolutePath != "/")
        {
            throw WalletException.Usage($"--node '{text}' is not HOST:PORT (for example {Default})");
        }

        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Host}:{uri.Port}"));
    }

    public static Uri ParseRpc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw WalletException.Usage($"--rpc '{text}' is not an http:// URL (for example http://127.0.0.1:8545)");
    }
}
