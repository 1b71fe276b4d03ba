using Grpc.Core;
using Grpc.Net.Client;
using Ledger.Network;
using Ledger.Network.Handshake;
using Ledger.Network.Protos;

namespace Ledger.Network.Tests;

/// <summary>
/// A bare gRPC client that runs the real dialer handshake and then does nothing: it never reads, so it plays a stuck peer,
/// and its handshake errors are the raw gRPC statuses a refused dialer sees.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<PeerEnvelope, PeerEnvelope> _call;

    private RawPeer(GrpcChannel channel, AsyncDuplexStreamingCall<PeerEnvelope, PeerEnvelope> call)
    {
        _channel = channel;
        _call = call;
    }

    public static async Task<RawPeer> ConnectAsync(PeerNetworkOptions options, PeerEndpoint target)
    {
        var channel = GrpcChannel.ForAddress(target.Endpoint);
        var call = new Peer.PeerClient(channel).Connect();
        try
        {
            await DialerHandshake.RunAsync(call.ResponseStream, call.RequestStream, new PeerAuthenticator(options), target.Address, CancellationToken.None);
        }
        catch
        {
            call.Dispose();
            channel.Dispose();
            throw;
        }

        return new RawPeer(channel, call);
    }

    /// <summary>Sends one envelope as-is (for protocol-violation tests).</summary>
    public Task SendAsync(PeerEnvelope envelope) => _call.RequestStream.WriteAsync(envelope);

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        _channel.Dispose();
        await Task.CompletedTask;
    }
}
