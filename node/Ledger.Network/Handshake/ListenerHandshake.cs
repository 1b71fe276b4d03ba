using Google.Protobuf;
using Grpc.Core;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;

namespace Ledger.Network.Handshake;

/// <summary>
/// The accepting side: read the dialer's Hello and check it, answer with our Hello signed over the dialer's challenge,
/// then require the dialer's signature over ours and confirm with an empty HelloAck. Returns the dialer's proven address.
/// </summary>
internal static class ListenerHandshake
{
    public static async Task<Address> RunAsync(
        IAsyncStreamReader<PeerEnvelope> input, IAsyncStreamWriter<PeerEnvelope> output, PeerAuthenticator auth, CancellationToken cancellationToken)
    {
        var hello = (await HandshakeStream.ReadAsync(input, PeerEnvelope.BodyOneofCase.Hello, cancellationToken).ConfigureAwait(false)).Hello;
        var dialer = auth.CheckHello(hello);
        var challenge = PeerAuthenticator.NewChallenge();
        var signature = auth.Sign(HandshakeDigest.ListenerRole, hello.Challenge.Span, challenge);
        var reply = new PeerEnvelope { Hello = auth.CreateHello(challenge, UnsafeByteOperations.UnsafeWrap(signature)) };
        await output.WriteAsync(reply, cancellationToken).ConfigureAwait(false);

        var ack = (await HandshakeStream.ReadAsync(input, PeerEnvelope.BodyOneofCase.HelloAck, cancellationToken).ConfigureAwait(false)).HelloAck;
        auth.CheckSignature(auth.Digest(HandshakeDigest.DialerRole, challenge, hello.Challenge.Span), ack.Signature.Span, dialer, "handshake");
        await output.WriteAsync(new PeerEnvelope { HelloAck = new HelloAck() }, cancellationToken).ConfigureAwait(false);
        return dialer;
    }
}
