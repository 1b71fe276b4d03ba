using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Network.Hosting;

/// <summary>Hosting the peer service inside the node's own gRPC (HTTP/2) listener.</summary>
public static class PeerServiceExtensions
{
    /// <summary>Registers gRPC (if not yet) and this network's <see cref="PeerService"/> with its message size limits.</summary>
    public static IServiceCollection AddLedgerPeerService(this IServiceCollection services, PeerNetwork network)
    {
        services.AddGrpc().AddServiceOptions<PeerService>(options =>
        {
            options.MaxReceiveMessageSize = network.Options.MaxMessageBytes;
            options.MaxSendMessageSize = network.Options.MaxMessageBytes;
        });
        services.AddSingleton(network.Service);
        return services;
    }

    public static GrpcServiceEndpointConventionBuilder MapLedgerPeerService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<PeerService>();
}
