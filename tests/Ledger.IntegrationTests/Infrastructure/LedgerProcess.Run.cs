using System.Globalization;

namespace Ledger.IntegrationTests.Infrastructure;

public sealed partial class LedgerProcess
{
    /// <summary>The arguments after ledger.dll of a `ledger run` node; null for `ledger dev`.</summary>
    private string[]? _runArguments;

    /// <summary>
    /// Starts `ledger run` on <paramref name="dataDirectory"/> (owned: deleted on dispose) and waits until it serves.
    /// The gRPC port is fixed (peers find it in the genesis); the RPC port may be 0. <paramref name="extraArguments"/>
    /// are appended (e.g. the <c>--peer-tls-*</c> flags).
    /// </summary>
    public static LedgerProcess StartRun(
        string genesisPath, string keyPath, string dataDirectory, int rpcPort, int grpcPort, IReadOnlyList<string>? extraArguments = null)
    {
        Directory.CreateDirectory(dataDirectory); // also the process's working directory
        var node = new LedgerProcess(dataDirectory, null)
        {
            _runArguments =
            [
                "run", "--genesis", genesisPath, "--key", keyPath, "--data", dataDirectory,
                "--rpc-port", rpcPort.ToString(CultureInfo.InvariantCulture),
                "--grpc-port", grpcPort.ToString(CultureInfo.InvariantCulture),
                .. extraArguments ?? [],
            ],
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
