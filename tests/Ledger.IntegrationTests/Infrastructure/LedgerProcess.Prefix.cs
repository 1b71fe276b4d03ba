namespace Ledger.IntegrationTests.Infrastructure;

public sealed partial class LedgerProcess
{
    /// <summary>Program and arguments the `dotnet ledger.dll …` command line runs under (empty: run it directly).</summary>
    private IReadOnlyList<string> _commandPrefix = [];

    /// <summary>
    /// Starts `ledger run` under <paramref name="commandPrefix"/> (e.g. <c>ip netns exec NS</c>: the node then lives in
    /// that network namespace) and waits for its ready line. As <see cref="StartRun(string, IReadOnlyList{string}, string, int, int, IReadOnlyList{string}?, IReadOnlyDictionary{string, string}?)"/> otherwise.
    /// </summary>
    public static LedgerProcess StartRunUnder(
        IReadOnlyList<string> commandPrefix, string genesisPath, string keyPath, string dataDirectory, int rpcPort, int grpcPort, IReadOnlyList<string> extraArguments)
    {
        Directory.CreateDirectory(dataDirectory);
        var node = new LedgerProcess(dataDirectory, null)
        {
            _commandPrefix = commandPrefix,
            _runArguments =
            [
                "run", "--genesis", genesisPath, "--data", dataDirectory,
                "--rpc-port", rpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--grpc-port", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. extraArguments,
            ],
            _keyArguments = ["--key", keyPath],
        };
        try
        {
            node.Start();
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }
}
