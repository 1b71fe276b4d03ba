using Google.Protobuf;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;

namespace Ledger.Network.Sync;

/// <summary>
/// Authentication of <c>SyncBlocks</c>: the request is signed by the requesting node over
/// <c>keccak(rlp(["ledger-peer-sync-v1", chainId, genesisHash, fromHeight, maxBlocks, requester, timestampMs]))</c>. The
/// server checks chain, genesis, clock skew, membership and the signature. It is stateless (no session needed, so a node
/// can sync before or without a Connect stream); a replay within the clock tolerance only re-reads the same blocks.
/// </summary>
public static class SyncRequestSigning
{
    public const string Domain = "ledger-peer-sync-v1";

    public static Hash32 Digest(ulong chainId, Hash32 genesisHash, ulong fromHeight, uint maxBlocks, Address requester, ulong timestampMs)
    {
        var writer = new RlpWriter(160);
        writer.StartList()
            .WriteBytes(System.Text.Encoding.ASCII.GetBytes(Domain))
            .WriteUInt64(chainId)
            .WriteHash(genesisHash)
            .WriteUInt64(fromHeight)
            .WriteUInt64(maxBlocks)
            .WriteAddress(requester)
            .WriteUInt64(timestampMs)
            .EndList();
        return Keccak256.Hash(writer.WrittenSpan);
    }

    public static SyncRequest Create(
        IConsensusSigner signer, ulong chainId, Hash32 genesisHash, ulong fromHeight, uint maxBlocks, TimeProvider timeProvider)
    {
        var timestamp = (ulong)timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = signer.Sign(Digest(chainId, genesisHash, fromHeight, maxBlocks, signer.Address, timestamp));
        return new SyncRequest
        {
            FromHeight = fromHeight,
            MaxBlocks = maxBlocks,
            ChainId = chainId,
            GenesisHash = UnsafeByteOperations.UnsafeWrap(genesisHash.ToArray()),
            Requester = UnsafeByteOperations.UnsafeWrap(signer.Address.ToArray()),
            TimestampMs = timestamp,
            Signature = UnsafeByteOperations.UnsafeWrap(signature),
        };
    }
}
