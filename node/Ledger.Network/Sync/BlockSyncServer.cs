using Google.Protobuf;
using Grpc.Core;
using Ledger.Network.Handshake;
using Ledger.Network.Protos;
using Microsoft.Extensions.Logging;

namespace Ledger.Network.Sync;

/// <summary>Serves <c>SyncBlocks</c>: authenticates the request, then streams stored blocks in order until the head.</summary>
internal sealed class BlockSyncServer(PeerNetworkOptions options, PeerAuthenticator auth, ILogger logger)
{
    public async Task ServeAsync(SyncRequest request, IServerStreamWriter<SyncBlock> output, ServerCallContext context)
    {
        var source = options.BlockSource
            ?? throw Refuse(context.Peer, new HandshakeException(StatusCode.FailedPrecondition, "this node does not serve block sync"));
        Core.Primitives.Address requester;
        try
        {
            auth.CheckChain(request.ChainId, request.GenesisHash.Span);
            auth.CheckClock(request.TimestampMs, "sync request");
            requester = auth.CheckMember(request.Requester.Span);
            var digest = SyncRequestSigning.Digest(
                request.ChainId, options.GenesisHash, request.FromHeight, request.MaxBlocks, requester, request.TimestampMs);
            auth.CheckSignature(digest, request.Signature.Span, requester, "sync request");
            if (request.MaxBlocks == 0)
            {
                throw new HandshakeException(StatusCode.InvalidArgument, "max_blocks must be at least 1");
            }
        }
        catch (HandshakeException ex)
        {
            throw Refuse(context.Peer, ex);
        }

        var count = (ulong)Math.Min(request.MaxBlocks, (uint)options.MaxSyncBlocksPerRequest);
        var served = 0;
        for (var height = request.FromHeight; height - request.FromHeight < count && height >= request.FromHeight; height++)
        {
            var block = source(height);
            if (block is null)
            {
                break; // past our head: the client learns it is caught up with us
            }

            await output.WriteAsync(new SyncBlock { Block = UnsafeByteOperations.UnsafeWrap(block) }, context.CancellationToken).ConfigureAwait(false);
            served++;
        }

        NetworkLog.SyncServed(logger, served, request.FromHeight, requester);
    }

    private RpcException Refuse(string remote, HandshakeException ex)
    {
        NetworkLog.SyncRefused(logger, remote, ex.Message);
        return ex.ToRpcException();
    }
}
