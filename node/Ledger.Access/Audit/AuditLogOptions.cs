namespace Ledger.Access.Audit;

/// <summary>Where the operator audit log goes and how it rotates (by size, keeping a number of old files).</summary>
public sealed record AuditLogOptions
{
    public required string Path { get; init; }

    /// <summary>A file is rotated before it would pass this size.</summary>
    public long MaxFileBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Rotated files kept (<c>audit.log.1</c> … <c>.N</c>, newest first); older ones are deleted.</summary>
    public int MaxFiles { get; init; } = 10;
}
