namespace Ledger.Core.Encoding;

/// <summary>Input is not canonical RLP. The message says where and why, so a client can fix its encoder.</summary>
public sealed class RlpException(string message) : FormatException(message);
