using Ledger.Core.Primitives;

namespace Ledger.Network;

public sealed partial class PeerNetwork
{
    /// <summary>
    /// Replaces the permissioned node list and the peer endpoints (validator set changes, late-known ports): streams of
    /// nodes no longer allowed close, removed or moved peers stop being dialled, new ones are dialled.
    /// </summary>
    public void UpdatePeers(IReadOnlyList<Address> allowedNodes, IReadOnlyList<PeerEndpoint> peers)
    {
        var updated = Options with { AllowedNodes = allowedNodes, Peers = peers };
        updated.Validate();
        lock (_targetsLock)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) == 2, this);
            Volatile.Write(ref _options, updated);
            _auth.SetAllowed(allowedNodes);
            var wanted = new Dictionary<Address, PeerEndpoint>();
            foreach (var peer in peers)
            {
                wanted[peer.Address] = peer;
            }

            foreach (var (address, target) in _targets.ToArray())
            {
                if (!wanted.TryGetValue(address, out var peer) || peer.Endpoint != target.Peer.Endpoint)
                {
                    target.Stop();
                    _targets.Remove(address);
                }
            }

            foreach (var peer in peers)
            {
                if (!_targets.ContainsKey(peer.Address))
                {
                    var target = new DialTarget(peer, Dials(updated, peer.Address), _stopping.Token);
                    _targets[peer.Address] = target;
                    if (Volatile.Read(ref _state) == 1)
                    {
                        StartDialing(target);
                    }
                }
            }
        }

        foreach (var session in Volatile.Read(ref _snapshot))
        {
            if (!_auth.IsAllowed(session.Remote))
            {
                session.Close($"node {session.Remote} was removed from the consortium");
            }
        }
    }

    /// <summary>Configured peers and any other connected node, with their connection state.</summary>
    public IReadOnlyList<PeerStatus> PeerStatuses()
    {
        var result = new List<PeerStatus>();
        DialTarget[] targets;
        lock (_targetsLock)
        {
            targets = [.. _targets.Values];
        }

        foreach (var target in targets)
        {
            var connected = _sessions.TryGetValue(target.Peer.Address, out var session);
            result.Add(new PeerStatus(
                target.Peer.Address, target.Peer.Endpoint, connected, target.Dialed, connected ? null : target.LastError, session?.ConnectedAt));
        }

        foreach (var session in Volatile.Read(ref _snapshot))
        {
            if (Array.FindIndex(targets, t => t.Peer.Address == session.Remote) < 0)
            {
                result.Add(new PeerStatus(session.Remote, null, true, false, null, session.ConnectedAt));
            }
        }

        return result;
    }

    /// <summary>
    /// One stream per pair: between validators the smaller address dials. A member node dials every peer it lists, and
    /// validators never list members (they may sit behind NAT and have no endpoint in the chain), so a member and a
    /// validator still share exactly one stream, the one the member opened.
    /// </summary>
    private static bool Dials(PeerNetworkOptions options, Address peer) => options.DialEveryPeer || options.Signer.Address < peer;

    private void StartDialing(DialTarget target)
    {
        if (target.Dialed)
        {
            _dialers.Add(Task.Run(() => DialLoopAsync(target, target.Token)));
        }
    }

    private sealed class DialTarget(PeerEndpoint peer, bool dialed, CancellationToken stopping)
    {
        private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);

        public PeerEndpoint Peer { get; } = peer;

        public bool Dialed { get; } = dialed;

        public CancellationToken Token => _cts.Token;

        public volatile string? LastError;

        public void Stop() => _cts.Cancel();
    }
}
