namespace Ledger.Network.Sync;

/// <summary>A block from a peer failed verification (or the node's apply callback rejected it); the message says why.</summary>
public sealed class BlockSyncException(string message, Exception? inner = null) : Exception(message, inner);
