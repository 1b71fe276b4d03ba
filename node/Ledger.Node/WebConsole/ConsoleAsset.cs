namespace Ledger.Node.WebConsole;

/// <summary>One embedded console file: its bytes, its Content-Type and its ETag (a hash of the bytes).</summary>
public sealed record ConsoleAsset(byte[] Content, string ContentType, string ETag);
