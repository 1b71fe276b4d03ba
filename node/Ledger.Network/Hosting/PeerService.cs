using Grpc.Core;
using Ledger.Network.Protos;

namespace Ledger.Network.Hosting;

/// <summary>The gRPC <c>ledger.peer.v1.Peer</c> service of one <see cref="PeerNetwork"/>; all logic lives in the network.</summary>
public sealed class PeerService : Peer.PeerBase
{
    private readonly PeerNetwork _network;

    internal PeerService(PeerNetwork network)
    {
        _network = network;
    }

    public override Task Connect(IAsyncStreamReader<PeerEnvelope> requestStream, IServerStreamWriter<PeerEnvelope> responseStream, ServerCallContext context) =>
        _network.AcceptAsync(requestStream, responseStream, context);

    public override Task SyncBlocks(SyncRequest request, IServerStreamWriter<SyncBlock> responseStream, ServerCallContext context) =>
        _network.ServeSyncAsync(request, responseStream, context);
}
