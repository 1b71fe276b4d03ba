using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Network;

/// <summary>A node of the consortium and the gRPC address it listens on (<c>http://host:port</c>, or https with TLS).</summary>
public sealed record PeerEndpoint(Address Address, Uri Endpoint)
{
    /// <summary>The peer endpoint of a genesis validator: its <c>Host</c> and <c>GrpcPort</c>.</summary>
    public static PeerEndpoint FromValidator(ValidatorConfig validator, bool useTls) =>
        new(validator.Address, new UriBuilder(useTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, validator.Host, validator.GrpcPort).Uri);
}
