using Google.Protobuf;
using Grpc.Core;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;

namespace Ledger.Network.Handshake;

/// <summary>
/// The dialing side: send our Hello with a fresh challenge, check the listener's Hello and its signature over our
/// challenge (and that the node we meant to reach answered), then sign the listener's challenge.
/// </summary>
internal static class DialerHandshake
{
    public static async Task<Address> RunAsync(
        IAsyncStreamReader<PeerEnvelope> input,
        IAsyncStreamWriter<PeerEnvelope> output,
        PeerAuthenticator auth,
        Address expected,
        CancellationToken cancellationToken)
    {
        var challenge = PeerAuthenticator.NewChallenge();
        await output.WriteAsync(new PeerEnvelope { Hello = auth.CreateHello(challenge) }, cancellationToken).ConfigureAwait(false);

        var hello = (await HandshakeStream.ReadAsync(input, PeerEnvelope.BodyOneofCase.Hello, cancellationToken).ConfigureAwait(false)).Hello;
        Address listener;
        try
        {
            listener = auth.CheckHello(hello);
            if (listener != expected)
            {
                throw new HandshakeException(StatusCode.PermissionDenied, $"dialled node {expected}, but node {listener} answered");
            }

            auth.CheckSignature(auth.Digest(HandshakeDigest.ListenerRole, challenge, hello.Challenge.Span), hello.Signature.Span, listener, "handshake");
        }
        catch (HandshakeException ex)
        {
            // Tell the listener why before the stream goes away, so both logs name the cause.
            await TrySendGoodbyeAsync(input, output, ex.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var signature = auth.Sign(HandshakeDigest.DialerRole, hello.Challenge.Span, challenge);
        await output.WriteAsync(new PeerEnvelope { HelloAck = new HelloAck { Signature = UnsafeByteOperations.UnsafeWrap(signature) } }, cancellationToken)
            .ConfigureAwait(false);

        // The listener's empty HelloAck: it verified our signature, so the stream is live on both sides.
        await HandshakeStream.ReadAsync(input, PeerEnvelope.BodyOneofCase.HelloAck, cancellationToken).ConfigureAwait(false);
        return listener;
    }

    private static async Task TrySendGoodbyeAsync(
        IAsyncStreamReader<PeerEnvelope> input, IAsyncStreamWriter<PeerEnvelope> output, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteAsync(new PeerEnvelope { Goodbye = new Goodbye { Reason = reason } }, cancellationToken).ConfigureAwait(false);
            if (output is IClientStreamWriter<PeerEnvelope> client)
            {
                await client.CompleteAsync().ConfigureAwait(false);
            }

            // Wait (briefly) for the listener to end the call, so cancelling it cannot overtake the goodbye.
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(2));
            while (await input.MoveNext(grace.Token).ConfigureAwait(false))
            {
            }
        }
        catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // Best effort: the stream closes either way.
        }
    }
}
