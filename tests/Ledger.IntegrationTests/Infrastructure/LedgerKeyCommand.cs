using System.Text.RegularExpressions;
using Ledger.Core.Primitives;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>Runs `ledger key …` (or any short `ledger` command) as a process and reads the address it prints.</summary>
public static partial class LedgerKeyCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static Task<ExternalCommand.Result> RunAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalCommand.RunAsync("dotnet", [RepoPaths.LedgerDll, .. arguments], workingDirectory, environment, Timeout);

    /// <summary>Runs the command, requires exit code 0, and returns the address of its "address 0x…" line.</summary>
    public static async Task<Address> AddressOfAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(arguments, workingDirectory, environment);
        var match = AddressLine().Match(result.Output);
        return result.ExitCode == 0 && match.Success
            ? Address.Parse(match.Groups[1].Value)
            : throw new InvalidOperationException($"ledger {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
    }

    [GeneratedRegex(@"^address (0x[0-9a-fA-F]{40})\s*$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
