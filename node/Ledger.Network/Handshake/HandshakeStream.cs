using Grpc.Core;
using Ledger.Network.Protos;

namespace Ledger.Network.Handshake;

/// <summary>Reading the next handshake envelope with clear errors for a closed stream, a refusal or a wrong message.</summary>
internal static class HandshakeStream
{
    public static async Task<PeerEnvelope> ReadAsync(
        IAsyncStreamReader<PeerEnvelope> input, PeerEnvelope.BodyOneofCase expected, CancellationToken cancellationToken)
    {
        if (!await input.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new HandshakeException(StatusCode.Unavailable, "the peer closed the stream during the handshake");
        }

        var envelope = input.Current;
        if (envelope.BodyCase == PeerEnvelope.BodyOneofCase.Goodbye)
        {
            throw new HandshakeException(StatusCode.Aborted, $"the peer refused the handshake: {envelope.Goodbye.Reason}");
        }

        if (envelope.BodyCase != expected)
        {
            throw new HandshakeException(StatusCode.InvalidArgument, $"expected {expected} in the handshake, got {envelope.BodyCase}");
        }

        return envelope;
    }
}
