using System.CommandLine;

namespace Ledger.Node.Cli;

/// <summary>
/// The operator sub-commands of <c>ledger</c> (DESIGN.md §9, docs/operations.md): <c>verify-chain</c>, <c>export</c>,
/// <c>import</c> and <c>backup</c>. Exit codes: 0 done, 1 the data failed a check (the output names the first bad block),
/// 2 a setup error (bad argument, unreadable file, node not reachable).
/// </summary>
public static class OperatorCommands
{
    /// <summary>Exit code when the operation failed on the data (a verification fault, a failed backup), as opposed to a setup error.</summary>
    public const int FailedExitCode = 1;

    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(VerifyChainCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(SnapshotCommand.Create());
    }
}
