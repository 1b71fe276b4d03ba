namespace Ledger.Node.Configuration;

/// <summary>The node cannot start with the given files or settings; the message says which and why.</summary>
public sealed class NodeConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
