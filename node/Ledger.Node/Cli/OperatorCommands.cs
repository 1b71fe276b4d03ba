using System.CommandLine;

namespace Ledger.Node.Cli;

/// <summary>
/// The operator sub-commands of <c>ledger</c> (DESIGN.md §9, docs/operations.md): <c>verify-chain</c>, <c>export</c>,
/// <c>import</c> and <c>backup</c>. Exit codes: 0 done, 1 the data failed a check (the output names the first bad block),
/// 2 a setup error (bad argument, unreadable file).
/// </summary>
public static class OperatorCommands
{
    /// <summary>Exit code when the chain data failed verification (as opposed to a setup error).</summary>
    public const int VerificationFailedExitCode = 1;

    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(VerifyChainCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
    }
}
