namespace Ledger.Storage;

/// <summary>
/// A write or read failed (I/O error, corruption). The store is now failed: every later write throws this
/// too, so nothing is written after a failed write, and the node's fatal-error handler stops the process.
/// </summary>
public sealed class StorageFailedException(string message, Exception? inner = null) : IOException(message, inner);
