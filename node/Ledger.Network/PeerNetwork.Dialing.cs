using Grpc.Core;
using Ledger.Network.Handshake;
using Ledger.Network.Protos;
using Ledger.Network.Transport;

namespace Ledger.Network;

public sealed partial class PeerNetwork
{
    /// <summary>
    /// Keeps one stream open to a peer we dial: connect, handshake, run the session; on any failure wait
    /// min(base · 2^attempt, cap) with jitter and try again. A stream that authenticated resets the backoff.
    /// </summary>
    private async Task DialLoopAsync(DialTarget target, CancellationToken stopping)
    {
        var peer = target.Peer;
        using var channel = _channels!.Create(peer.Endpoint);
        var client = new Peer.PeerClient(channel);
        var random = new Random();
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            string reason;
            try
            {
                reason = await DialOnceAsync(client, target, stopping).ConfigureAwait(false);
                attempt = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HandshakeException ex)
            {
                reason = ex.Message;
            }
            catch (RpcException ex)
            {
                reason = ex.StatusCode == StatusCode.Unavailable ? $"unreachable ({ex.Status.Detail})" : $"{ex.StatusCode}: {ex.Status.Detail}";
            }
            catch (Exception ex)
            {
                // Whatever went wrong with this attempt, the loop must survive it: a dead loop would never reconnect.
                reason = $"{ex.GetType().Name}: {ex.Message}";
            }

            target.LastError = reason;
            var delay = Backoff.Delay(attempt++, Options.ReconnectBaseDelay, Options.ReconnectMaxDelay, random);
            NetworkLog.DialFailed(_logger, peer.Address, peer.Endpoint, reason, (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, Options.TimeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection: returns why an authenticated session ended; throws when it never authenticated.</summary>
    private async Task<string> DialOnceAsync(Peer.PeerClient client, DialTarget target, CancellationToken stopping)
    {
        using var call = client.Connect(cancellationToken: stopping);
        Core.Primitives.Address remote;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            handshake.CancelAfter(Options.HandshakeTimeout);
            try
            {
                remote = await DialerHandshake.RunAsync(call.ResponseStream, call.RequestStream, _auth, target.Peer.Address, handshake.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                throw new HandshakeException(
                    StatusCode.DeadlineExceeded, $"the handshake did not complete within {Options.HandshakeTimeout.TotalSeconds:F0} s");
            }
        }

        var session = new PeerSession(remote, dialed: true, Options, call.Dispose, stopping);
        return await RunSessionAsync(session, call.ResponseStream, call.RequestStream).ConfigureAwait(false);
    }
}
