using Ledger.Core.Chain;
using Ledger.Core.Genesis;
using Ledger.Network;
using Ledger.Network.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Node.Consensus;

/// <summary>
/// Hosts the peer service on the node's gRPC listener. The service is registered before the app is built but the
/// network exists only once the node is opened (after Build, with the app's loggers), so DI resolves it lazily
/// through a box that is filled before the listener starts.
/// </summary>
public static class ConsortiumHosting
{
    /// <summary>The default of <see cref="PeerNetworkOptions.MaxMessageBytes"/>, which the node does not change.</summary>
    private const int MaxMessageBytes = BlockLimits.PeerMessageBytes;

    public static bool IsConsortium(GenesisConfig genesis) => genesis.Validators.Count > 1;

    public static void AddPeerService(IServiceCollection services, NetworkBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        services.AddGrpc().AddServiceOptions<PeerService>(options =>
        {
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.MaxSendMessageSize = MaxMessageBytes;
        });
        services.AddSingleton(_ => (box.Network ?? throw new InvalidOperationException("the peer network is not open yet")).Service);
    }

    public static void MapPeerService(WebApplication app) => app.MapLedgerPeerService();

    /// <summary>Filled with the node's network once it is open.</summary>
    public sealed class NetworkBox
    {
        public PeerNetwork? Network { get; set; }
    }
}
