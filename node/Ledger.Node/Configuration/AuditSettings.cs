using System.ComponentModel;

namespace Ledger.Node.Configuration;

/// <summary>The <c>auth.audit</c> section: where operator and regulator calls are recorded.</summary>
public sealed record AuditSettings
{
    [Description("Audit log file (JSON lines); default DATA/audit/operator.log when authentication is on. --audit-log.")]
    public string? Path { get; init; }

    [Description("Rotate the file before it passes this many bytes.")]
    public long MaxFileBytes { get; init; } = 16L * 1024 * 1024;

    [Description("Rotated files kept (operator.log.1 … .N); older ones are deleted.")]
    public int MaxFiles { get; init; } = 10;
}
