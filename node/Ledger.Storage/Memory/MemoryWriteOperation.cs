namespace Ledger.Storage.Memory;

/// <summary>One buffered write: a put, or a delete when <see cref="Value"/> is null.</summary>
internal readonly record struct MemoryWriteOperation(Column Column, byte[] Key, byte[]? Value);
