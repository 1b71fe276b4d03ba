using Grpc.Core;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;
using Ledger.Network.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Network.Sync;

/// <summary>
/// Catches a node up by streaming committed blocks from peers. Each block is verified by <see cref="SyncBlockVerifier"/>
/// (senders re-recovered, certificate, parent link, transactions root) before the node's callback applies it. The first
/// bad block ends the pass with that peer; the next peer continues from the same height. Every peer is asked in turn, so
/// a peer that lags behind another does not end the sync early.
/// </summary>
public sealed class BlockSyncClient
{
    private readonly PeerNetworkOptions _options;
    private readonly PeerChannelFactory _channels;
    private readonly ILogger _logger;

    public BlockSyncClient(PeerNetworkOptions options, ILoggerFactory? loggerFactory = null)
    {
        options.Validate();
        _options = options;
        _channels = new PeerChannelFactory(options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BlockSyncClient>();
    }

    /// <summary>Syncs from the configured <see cref="PeerNetworkOptions.Peers"/>.</summary>
    public Task<BlockSyncResult> SyncAsync(BlockSyncRequest request, CancellationToken cancellationToken) =>
        SyncAsync(_options.Peers, request, cancellationToken);

    public async Task<BlockSyncResult> SyncAsync(IReadOnlyList<PeerEndpoint> peers, BlockSyncRequest request, CancellationToken cancellationToken)
    {
        if (request.BlocksPerRequest == 0)
        {
            throw new ArgumentException("BlocksPerRequest must be at least 1", nameof(request));
        }

        var progress = new Progress(request.FromHeight, request.ParentHash);
        var atHead = new List<Address>();
        var failures = new List<BlockSyncFailure>();
        foreach (var peer in peers)
        {
            var before = progress.Applied;
            var failure = await SyncFromPeerAsync(peer, request, progress, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                atHead.Add(peer.Address);
            }
            else
            {
                failures.Add(new BlockSyncFailure(peer.Address, progress.Next, failure));
                NetworkLog.SyncFailed(_logger, peer.Address, progress.Next, failure);
            }

            if (progress.Applied > before)
            {
                NetworkLog.SyncProgress(_logger, progress.Applied - before, peer.Address, progress.Next);
            }
        }

        return new BlockSyncResult(progress.Next, progress.Parent, progress.Applied, atHead, failures);
    }

    /// <summary>Streams from one peer until it has nothing newer; returns null then, or why it stopped.</summary>
    private async Task<string?> SyncFromPeerAsync(
        PeerEndpoint peer, BlockSyncRequest request, Progress progress, CancellationToken cancellationToken)
    {
        using var channel = _channels.Create(peer.Endpoint);
        var client = new Peer.PeerClient(channel);
        try
        {
            // A peer may cap the batch below what we asked, so only an empty answer means "at its head".
            while (await FetchBatchAsync(client, request, progress, cancellationToken).ConfigureAwait(false) > 0)
            {
            }

            return null;
        }
        catch (BlockSyncException ex)
        {
            return ex.Message;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex.StatusCode == StatusCode.Cancelled
                ? $"the peer sent nothing for {_options.SyncIdleTimeout.TotalSeconds:F0} s"
                : $"{ex.StatusCode}: {ex.Status.Detail}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the peer sent nothing for {_options.SyncIdleTimeout.TotalSeconds:F0} s";
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return ex.Message;
        }
    }

    private async Task<int> FetchBatchAsync(Peer.PeerClient client, BlockSyncRequest request, Progress progress, CancellationToken cancellationToken)
    {
        var signed = SyncRequestSigning.Create(
            _options.Signer, _options.ChainId, _options.GenesisHash, progress.Next, request.BlocksPerRequest, _options.TimeProvider);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = client.SyncBlocks(signed, cancellationToken: idle.Token);
        var received = 0;
        while (true)
        {
            idle.CancelAfter(_options.SyncIdleTimeout);
            if (!await call.ResponseStream.MoveNext(idle.Token).ConfigureAwait(false))
            {
                return received;
            }

            var height = progress.Next;
            var block = SyncBlockVerifier.Verify(
                call.ResponseStream.Current.Block.Span, height, progress.Parent, request.ValidatorsAt(height), _options.Ecdsa, request.MaxBlockBytes);
            idle.CancelAfter(Timeout.InfiniteTimeSpan); // applying is our time, not the peer's
            await request.Apply(block, cancellationToken).ConfigureAwait(false);
            progress.Advance(block.Header.Hash);
            received++;
        }
    }

    private sealed class Progress(ulong next, Hash32 parent)
    {
        public ulong Next { get; private set; } = next;

        public Hash32 Parent { get; private set; } = parent;

        public int Applied { get; private set; }

        public void Advance(Hash32 hash)
        {
            Next++;
            Parent = hash;
            Applied++;
        }
    }
}
