using System.CommandLine;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Cli;

/// <summary>Options valid on every command (System.CommandLine recursive options).</summary>
public sealed class GlobalOptions
{
    public Option<string> Node { get; } = new("--node")
    {
        Description = $"The node's gRPC API as HOST:PORT (default {NodeAddress.Default}, the --grpc-port of `ledger dev`).",
        Recursive = true,
    };

    public Option<string> Rpc { get; } = new("--rpc")
    {
        Description = "Use a JSON-RPC endpoint instead of gRPC, e.g. http://127.0.0.1:8545.",
        Recursive = true,
    };

    public Option<FileInfo> TokenFile { get; } = new("--token-file")
    {
        Description = "File holding a bearer token (from the node operator's `ledger token issue`) for a node that requires authentication.",
        Recursive = true,
    };

    public Option<DirectoryInfo> WalletDir { get; } = new("--wallet-dir")
    {
        Description = "The wallet folder holding keystore files (default ~/.ledger-wallet).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print results (and errors) as JSON on standard output, for scripts.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Node);
        root.Options.Add(Rpc);
        root.Options.Add(TokenFile);
        root.Options.Add(WalletDir);
        root.Options.Add(Json);
    }
}
