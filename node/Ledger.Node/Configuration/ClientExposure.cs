using System.Net;

namespace Ledger.Node.Configuration;

/// <summary>
/// The rule that keeps a production node from serving its client APIs to a network without authentication:
/// <c>ledger run</c> refuses a non-loopback JSON-RPC or client API interface unless bearer tokens or client
/// certificates are configured, or <c>--insecure-no-auth</c> says the operator accepts the risk.
/// (<c>ledger dev</c> and <c>ledger testnet</c> bind loopback only and say that they run open.)
/// </summary>
public static class ClientExposure
{
    /// <summary>Throws <see cref="NodeConfigurationException"/> when a client surface would face a network unauthenticated.</summary>
    public static void Check(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Auth is { Enabled: true } || options.InsecureNoAuth)
        {
            return;
        }

        foreach (var (surface, host) in ClientSurfaces(options))
        {
            if (!IPAddress.IsLoopback(IPAddress.Parse(host)))
            {
                throw new NodeConfigurationException(
                    $"refusing to serve {surface} on {host} without authentication: anyone who reaches it could vote with this node's key " +
                    "(qbft_proposeValidatorVote) and read every pending payment. Configure bearer tokens or client certificates " +
                    "(--auth-jwt-secret-file, --auth-jwt-public-key, or the 'auth' section; see docs/security.md), bind loopback, " +
                    "or pass --insecure-no-auth to accept the risk");
            }
        }
    }

    private static IEnumerable<(string Surface, string Host)> ClientSurfaces(NodeOptions options)
    {
        yield return ("JSON-RPC", options.RpcHost);
        yield return (options.ApiPort is null ? "the gRPC client API (on the gRPC port; give it its own loopback apiPort to expose only peers)" : "the gRPC client API", options.EffectiveApiHost);
    }
}
