using Ledger.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace Ledger.Network;

/// <summary>Source-generated log messages of the peer network (event ids 5000–5099).</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Connected to peer {Peer} ({Direction})")]
    public static partial void PeerConnected(ILogger logger, Address peer, string direction);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Peer {Peer} disconnected: {Reason}")]
    public static partial void PeerDisconnected(ILogger logger, Address peer, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Refused a peer stream from {Remote}: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Connecting to peer {Peer} at {Endpoint} failed: {Reason}; retrying in {DelayMs} ms")]
    public static partial void DialFailed(ILogger logger, Address peer, Uri endpoint, string reason, long delayMs);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Dropped a malformed consensus message from {Peer}: {Reason}")]
    public static partial void MalformedConsensusMessage(ILogger logger, Address peer, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Inbound {Kind} queue is full: dropped a message from {Peer}")]
    public static partial void InboundQueueFull(ILogger logger, string kind, Address peer);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Closed the stream of peer {Peer}: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, Address peer, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Refused a block sync request from {Remote}: {Reason}")]
    public static partial void SyncRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "Served {Count} blocks from height {From} to {Peer}")]
    public static partial void SyncServed(ILogger logger, int count, ulong from, Address peer);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Block sync from {Peer} stopped at height {Height}: {Reason}")]
    public static partial void SyncFailed(ILogger logger, Address peer, ulong height, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Synced {Count} blocks from {Peer}; next height {Next}")]
    public static partial void SyncProgress(ILogger logger, int count, Address peer, ulong next);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "A PeerConnectionChanged handler failed for peer {Peer}")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, Address peer);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Dropped a transaction batch of {Count} transactions, {Bytes} bytes from {Peer}: over the batch limits")]
    public static partial void OversizedBatch(ILogger logger, Address peer, int count, long bytes);
}
