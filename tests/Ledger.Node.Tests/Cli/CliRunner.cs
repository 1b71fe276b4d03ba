using System.CommandLine;
using Ledger.Node.Cli;

namespace Ledger.Node.Tests.Cli;

/// <summary>Runs the `ledger` command line in-process with a start delegate that records the launch instead of serving.</summary>
internal sealed class CliRunner
{
    public NodeLaunch? Launch { get; private set; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public async Task<int> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = LedgerCli.Create((launch, _) =>
        {
            Launch = launch;
            return Task.FromResult(0);
        });
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }
}
