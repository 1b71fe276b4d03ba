using Ledger.Core.Primitives;

namespace Ledger.Node.Operations;

/// <summary>A finished online backup: where it is and the head block it holds.</summary>
public sealed record BackupResult(string Path, ulong Head, Hash32 HeadHash);
