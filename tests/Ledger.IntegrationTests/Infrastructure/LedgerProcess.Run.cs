using System.Globalization;

namespace Ledger.IntegrationTests.Infrastructure;

public sealed partial class LedgerProcess
{
    /// <summary>The arguments after ledger.dll of a `ledger run` node, less the key; null for `ledger dev`.</summary>
    private string[]? _runArguments;

    /// <summary>How the node finds its validator key (<c>--key FILE</c>, <c>--keystore …</c> or <c>--pkcs11-*</c>).</summary>
    private IReadOnlyList<string> _keyArguments = [];

    /// <summary>Extra environment of the child process (a keystore password variable, SOFTHSM2_CONF).</summary>
    private IReadOnlyDictionary<string, string>? _environment;

    /// <summary>
    /// Starts `ledger run` on <paramref name="dataDirectory"/> (owned: deleted on dispose) and waits until it serves.
    /// The gRPC port is fixed (peers find it in the genesis); the RPC port may be 0. <paramref name="extraArguments"/>
    /// are appended (e.g. the <c>--peer-tls-*</c> flags).
    /// </summary>
    public static LedgerProcess StartRun(
        string genesisPath, string keyPath, string dataDirectory, int rpcPort, int grpcPort, IReadOnlyList<string>? extraArguments = null) =>
        StartRun(genesisPath, ["--key", keyPath], dataDirectory, rpcPort, grpcPort, extraArguments);

    /// <summary>As above, with the key given by <paramref name="keyArguments"/> and extra environment variables.</summary>
    public static LedgerProcess StartRun(
        string genesisPath,
        IReadOnlyList<string> keyArguments,
        string dataDirectory,
        int rpcPort,
        int grpcPort,
        IReadOnlyList<string>? extraArguments = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(dataDirectory); // also the process's working directory
        var node = new LedgerProcess(dataDirectory, null)
        {
            _runArguments =
            [
                "run", "--genesis", genesisPath, "--data", dataDirectory,
                "--rpc-port", rpcPort.ToString(CultureInfo.InvariantCulture),
                "--grpc-port", grpcPort.ToString(CultureInfo.InvariantCulture),
                .. extraArguments ?? [],
            ],
            _keyArguments = keyArguments,
            _environment = environment,
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

    /// <summary>
    /// Starts the stopped node again on the same data folder and ports with another validator key (a key rotation).
    /// </summary>
    public void RestartWithKey(IReadOnlyList<string> keyArguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (_runArguments is null)
        {
            throw new InvalidOperationException("only a `ledger run` node has a key to replace");
        }

        _keyArguments = keyArguments;
        _environment = environment ?? _environment;
        Restart();
    }

    /// <summary>The command line of the next start: `ledger dev` or `ledger run` with its key.</summary>
    private IEnumerable<string> Arguments() =>
        _runArguments is null
            ? ["dev", "--data", DataDirectory, "--rpc-port", "0", "--grpc-port", "0"]
            : [.. _runArguments, .. _keyArguments];
}
