using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Wallet.Client;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Cli;

/// <summary>One invocation's settings (global options resolved), output writers and the node connection.</summary>
public sealed class WalletSession : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Func<WalletSession, ILedgerClient> _connect;
    private ILedgerClient? _client;

    public WalletSession(ParseResult parse, GlobalOptions options, Func<WalletSession, ILedgerClient> connect, ITerminal? terminal = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        Parse = parse;
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        Json = parse.GetValue(options.Json);
        NodeText = parse.GetValue(options.Node);
        RpcText = parse.GetValue(options.Rpc);
        TokenFile = parse.GetValue(options.TokenFile)?.FullName;
        Store = new WalletStore(parse.GetValue(options.WalletDir)?.FullName ?? WalletStore.DefaultDirectory);
        _connect = connect;
        Terminal = terminal ?? ConsoleTerminal.Instance;
    }

    public ParseResult Parse { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Json { get; }

    public string? NodeText { get; }

    public string? RpcText { get; }

    /// <summary>The --token-file path; read only when a node connection is opened.</summary>
    public string? TokenFile { get; }

    public WalletStore Store { get; }

    /// <summary>Where prompts are answered (the console, or a test's script).</summary>
    public ITerminal Terminal { get; }

    /// <summary>The node client, created on first use (commands that stay local never open a connection).</summary>
    public ILedgerClient Client => _client ??= new PinnedLedgerClient(_connect(this), Store.Directory);

    /// <summary>Whether a person is at the terminal (prompts, progress) rather than a script.</summary>
    public bool Interactive => !Json && Terminal.IsInteractive;

    public void WriteJson(JsonNode node) => Out.WriteLine(node.ToJsonString(Indented));

    public PasswordSource Passwords(FileInfo? file) => new(file, Error, Terminal);

    public void Dispose() => _client?.Dispose();
}
