using System.Globalization;
using Ledger.Core.Primitives;
using Ledger.Network;

namespace Ledger.Node.Configuration;

/// <summary>
/// Where this node dials a genesis validator when that is not the genesis <c>host:grpcPort</c>: behind NAT or a load
/// balancer the address a peer listens on and the one others reach it at differ, and a fault-injection harness puts a
/// proxy on each link. Keys are validator addresses, values <c>host:port</c> (the scheme follows peer TLS). Only the
/// dialling side changes: what this node listens on stays <c>grpcPort</c>, what it advertises stays the genesis entry.
/// </summary>
public static class PeerEndpointOverrides
{
    /// <summary>Why <paramref name="endpoints"/> is not a valid override table, or null.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var seen = new HashSet<Address>();
        foreach (var (address, endpoint) in endpoints)
        {
            if (!Address.TryParse(address, out var parsed))
            {
                return $"'{address}' is not a 20-byte hex address";
            }

            if (!seen.Add(parsed))
            {
                return $"{parsed} is listed twice";
            }

            if (!TryParseHostPort(endpoint, out _, out _, out var why))
            {
                return $"the endpoint of {parsed}: {why}";
            }
        }

        return null;
    }

    /// <summary>
    /// Parses one <c>--peer-endpoint</c> value, <c>ADDRESS=HOST:PORT</c>; throws <see cref="NodeConfigurationException"/>
    /// with what is wrong.
    /// </summary>
    public static KeyValuePair<string, string> ParseFlag(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new NodeConfigurationException($"--peer-endpoint '{value}' is not ADDRESS=HOST:PORT (e.g. 0x71bE…5788=10.0.0.7:30302)");
        }

        return new(value[..equals].Trim(), value[(equals + 1)..].Trim());
    }

    /// <summary>
    /// <paramref name="peers"/> with the endpoint of each overridden validator replaced. Every override must name one of
    /// <paramref name="peers"/> (another validator of the genesis): a typo would otherwise leave the real link in place
    /// silently.
    /// </summary>
    public static IReadOnlyList<PeerEndpoint> Apply(IReadOnlyList<PeerEndpoint> peers, IReadOnlyDictionary<string, string>? endpoints, bool useTls)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (endpoints is null || endpoints.Count == 0)
        {
            return peers;
        }

        var byAddress = new Dictionary<Address, Uri>();
        foreach (var (address, endpoint) in endpoints)
        {
            if (!Address.TryParse(address, out var parsed) || !TryParseHostPort(endpoint, out var host, out var port, out _))
            {
                throw new NodeConfigurationException($"invalid setting 'peerEndpoints': {Problem(endpoints)}");
            }

            if (peers.All(p => p.Address != parsed))
            {
                throw new NodeConfigurationException(
                    $"invalid setting 'peerEndpoints': {parsed} is not another validator of this genesis (peers: {string.Join(", ", peers.Select(p => p.Address))})");
            }

            byAddress[parsed] = new UriBuilder(useTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, host, port).Uri;
        }

        return [.. peers.Select(p => byAddress.TryGetValue(p.Address, out var uri) ? p with { Endpoint = uri } : p)];
    }

    private static bool TryParseHostPort(string text, out string host, out int port, out string why)
    {
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            why = $"'{text}' is not HOST:PORT";
            return false;
        }

        host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1]; // [::1]:30301
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            why = $"'{host}' is not a host name or IP address";
            return false;
        }

        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            why = $"'{text[(colon + 1)..]}' is not a TCP port (1-65535)";
            return false;
        }

        why = "";
        return true;
    }
}
