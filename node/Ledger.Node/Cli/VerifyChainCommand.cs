using System.CommandLine;
using System.Globalization;
using Ledger.Core.Crypto;
using Ledger.Node.Configuration;
using Ledger.Node.Operations;

namespace Ledger.Node.Cli;

/// <summary><c>ledger verify-chain --data DIR [--genesis FILE] [--from N] [--to M]</c>: the offline audit of <see cref="ChainVerifier"/>.</summary>
public static class VerifyChainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory of a stopped node, or a backup; opened read-only.", Required = true };
        var genesis = new Option<FileInfo>("--genesis") { Description = "Genesis JSON; default: the genesis document the data directory records (format 2 on)." };
        var from = new Option<ulong?>("--from") { Description = "First block whose certificate and signatures are checked (earlier blocks are still replayed). Default 0." };
        var to = new Option<ulong?>("--to") { Description = "Last block to check. Default: the head (then the stored state is compared too)." };
        var scratch = new Option<DirectoryInfo>("--scratch-dir") { Description = "Where the replay's temporary database goes (default: the system temp folder); deleted at the end." };
        data.AcceptExistingOnly();
        genesis.AcceptExistingOnly();
        scratch.AcceptExistingOnly();
        var command = new Command("verify-chain", "Audit a data directory offline: hash links, signatures, commit certificates, roots, receipts and a full state replay.")
        {
            data, genesis, from, to, scratch,
        };
        command.SetAction((parse, ct) => LedgerCli.Guarded(parse, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var directory = OfflineDataDirectory.Open(parse.GetRequiredValue(data).FullName, parse.GetValue(genesis));
            using var replay = ScratchStore.Create(parse.GetValue(scratch)?.FullName);
            var options = new VerifyChainOptions
            {
                From = parse.GetValue(from) ?? 0,
                To = parse.GetValue(to),
                Progress = block => error.WriteLine($"verify-chain: block {block} verified"),
            };
            ChainVerificationReport report;
            try
            {
                report = new ChainVerifier(directory.Chain, directory.Genesis, Ecdsa.Default).Verify(replay, options, ct);
            }
            catch (ArgumentException ex)
            {
                throw new NodeConfigurationException(ex.Message, ex);
            }

            await output.WriteLineAsync(Describe(report, directory.Genesis.ChainId)).ConfigureAwait(false);
            return report.Succeeded ? 0 : OperatorCommands.FailedExitCode;
        }));
        return command;
    }

    /// <summary>The summary printed at the end (docs/operations.md shows both shapes).</summary>
    public static string Describe(ChainVerificationReport report, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        var rate = string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Elapsed.TotalSeconds:0.00} s: {report.Blocks / seconds:0} blocks/s, {report.Transactions / seconds:0} transactions/s");
        if (!report.Succeeded)
        {
            var where = report.FailedBlock is { } block ? $"block {block}" : "the chain's head";
            var passed = report.Blocks == 0 ? "no block" : $"blocks 0-{report.Blocks - 1}";
            return $"verify-chain: FAILED at {where}: {report.Failure}\n{passed} verified before the fault ({rate})";
        }

        var certificates = report.From == 0 ? "every commit certificate and signature" : $"commit certificates and signatures from block {report.From}";
        var state = report.StateCompared ? "the stored head state equals the replayed state" : $"the stored state was not compared (--to {report.To} is before the head {report.Head})";
        return $"verify-chain: OK: blocks 0-{report.To} of chain {chainId} (head {report.Head}), {report.Transactions} transactions\n"
            + $"checked: hash links, {certificates}, transaction and receipt roots, stored headers, receipts and transaction index, state roots by re-execution; {state}\n"
            + $"took {rate}";
    }
}
