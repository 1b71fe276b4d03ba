using Ledger.Core.Chain;

namespace Ledger.Execution.Processing;

/// <summary>The outcome of one top-level module call, before it becomes a receipt or a call result.</summary>
internal readonly record struct FrameOutcome(bool Success, byte[] Output, ulong GasUsed, string? RevertReason, IReadOnlyList<LogEntry> Logs)
{
    public static FrameOutcome Revert(string reason, ulong gasUsed) =>
        new(false, Modules.ModuleResult.EncodeError(reason), gasUsed, reason, []);
}
