using System.CommandLine;
using System.CommandLine.Parsing;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Custody;
using Ledger.JsonRpc;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// The <c>ledger</c> command line (System.CommandLine 2.0): <c>dev</c>, <c>run</c>, <c>testnet</c>, <c>key</c> and <c>token</c>, plus the operator
/// commands of <see cref="OperatorCommands"/>. Parsing and the checks of
/// files happen here; starting the node is the <c>start</c> delegate, so tests can exercise every argument error
/// without opening a port.
/// </summary>
public static class LedgerCli
{
    /// <summary>Exit code for a setup error (bad file, bad setting): the message went to standard error.</summary>
    public const int SetupErrorExitCode = 2;

    public static RootCommand Create(Func<NodeLaunch, CancellationToken, Task<int>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var root = new RootCommand("Ledger: a permissioned ledger for tokenized bank deposits (node).");
        root.Subcommands.Add(CreateDev(start));
        root.Subcommands.Add(CreateRun(start));
        root.Subcommands.Add(TestnetCommand.Create());
        root.Subcommands.Add(KeyCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        OperatorCommands.AddTo(root);
        return root;
    }

    private static Command CreateDev(Func<NodeLaunch, CancellationToken, Task<int>> start)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory (created if missing). Default: a fresh temporary folder, printed at start." };
        var rpcPort = PortOption("--rpc-port", 8545, "JSON-RPC, /health and /metrics port (0 picks a free one).");
        var grpcPort = PortOption("--grpc-port", 50051, "gRPC port (0 picks a free one).");
        var interval = new Option<int?>("--block-interval-ms") { Description = "Minimum milliseconds between blocks (default: the genesis value)." };
        interval.Validators.Add(r => RequireNonNegative(r, interval));
        // ethers' tx.wait() only re-checks a receipt on a *new* block, so an idle dev chain with no block after the
        // one holding the transaction leaves it waiting forever; a heartbeat block each second keeps clients moving.
        var heartbeat = new Option<int?>("--heartbeat-seconds") { Description = "Seconds between empty heartbeat blocks when idle (default 1; 0 turns them off)." };
        heartbeat.Validators.Add(r => RequireNonNegative(r, heartbeat));
        var history = StateHistoryOption();
        var backups = BackupDirectoryOption();
        var console = ConsoleOption();
        var member = new Option<bool>("--member")
        {
            Description = "Run as a member node (syncs and verifies every block, serves clients, forwards transactions, never votes) even "
                + "when the data directory does not yet show this key on the member allowlist; a listed key needs no flag.",
        };
        var rpcLimits = new RpcCliOptions();
        var poolLimits = new PoolCliOptions();
        var command = new Command("dev", "Run one validator on the embedded dev genesis (bank A's validator alone; public test keys, never for production).")
        {
            data, rpcPort, grpcPort, interval, heartbeat, history, backups, console,
        };
        rpcLimits.AddTo(command);
        poolLimits.AddTo(command);
        command.SetAction((parse, ct) => Guarded(parse, () =>
        {
            var genesis = EmbeddedGenesis.Load().WithSingleValidator(0);
            var options = new NodeOptions
            {
                RpcPort = parse.GetValue(rpcPort) ?? 8545,
                GrpcPort = parse.GetValue(grpcPort) ?? 50051,
                BlockIntervalMs = parse.GetValue(interval),
                EmptyBlockIntervalSeconds = parse.GetValue(heartbeat) ?? 1,
                StateHistoryBlocks = parse.GetValue(history) ?? new NodeOptions().StateHistoryBlocks,
                EnableConsole = parse.GetValue(console) ?? true,
                JsonRpc = rpcLimits.Apply(parse, new JsonRpcOptions()),
                BackupDirectory = parse.GetValue(backups)?.FullName,
            };
            options = poolLimits.Apply(parse, options);
            options.Validate();
            var directory = parse.GetValue(data)?.FullName;
            var temporary = directory is null;
            directory ??= Directory.CreateTempSubdirectory("ledger-dev-").FullName;
            // Bank A's validator is dev account 10 (docs/architecture.md, "Dev genesis").
            return start(new NodeLaunch(genesis, new LocalKeySigner(DevKeys.PrivateKey(10), Ecdsa.Default), directory, temporary, options), ct);
        }));
        return command;
    }

    private static Command CreateRun(Func<NodeLaunch, CancellationToken, Task<int>> start)
    {
        var genesisFile = new Option<FileInfo>("--genesis") { Description = "Genesis JSON file of the network.", Required = true };
        var key = new ValidatorKeyCliOptions();
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory (created if missing).", Required = true };
        var config = new Option<FileInfo>("--config") { Description = "Optional JSON file of node options (see docs)." };
        var rpcPort = PortOption("--rpc-port", null, "JSON-RPC port; overrides the config file (0 picks a free one).");
        var grpcPort = PortOption("--grpc-port", null, "gRPC port; overrides the config file (0 picks a free one).");
        var peerTls = new PeerTlsCliOptions();
        var access = new AccessCliOptions();
        var peerEndpoints = new PeerEndpointCliOptions();
        genesisFile.AcceptExistingOnly();
        config.AcceptExistingOnly();
        var history = StateHistoryOption();
        var backups = BackupDirectoryOption();
        var console = ConsoleOption();
        var member = new Option<bool>("--member")
        {
            Description = "Run as a member node (syncs and verifies every block, serves clients, forwards transactions, never votes) even "
                + "when the data directory does not yet show this key on the member allowlist; a listed key needs no flag.",
        };
        var rpcLimits = new RpcCliOptions();
        var poolLimits = new PoolCliOptions();
        var command = new Command("run", "Run a validator or member node from a genesis, a node key (key file, keystore or PKCS#11 token) and a data directory.")
        {
            genesisFile, data, config, rpcPort, grpcPort, history, backups, console, member,
        };
        key.AddTo(command);
        rpcLimits.AddTo(command);
        poolLimits.AddTo(command);
        peerTls.AddTo(command);
        access.AddTo(command);
        peerEndpoints.AddTo(command);
        command.SetAction((parse, ct) => Guarded(parse, async () =>
        {
            var genesis = LoadGenesis(parse.GetRequiredValue(genesisFile).FullName);
            var configFile = parse.GetValue(config);
            var options = configFile is not null ? NodeOptionsFile.Load(configFile.FullName) : new NodeOptions();
            var keySettings = key.Apply(parse, options.ValidatorKey);
            options = options with
            {
                StateHistoryBlocks = parse.GetValue(history) ?? options.StateHistoryBlocks,
                EnableConsole = parse.GetValue(console) ?? options.EnableConsole,
                Member = parse.GetValue(member) || options.Member,
                JsonRpc = rpcLimits.Apply(parse, options.JsonRpc ?? new JsonRpcOptions()),
                PeerTls = peerTls.Apply(parse, options.PeerTls),
                ValidatorKey = keySettings,
                BackupDirectory = parse.GetValue(backups)?.FullName ?? options.BackupDirectory,
                PeerEndpoints = peerEndpoints.Apply(parse, options.PeerEndpoints),
            };
            options = poolLimits.Apply(parse, options);
            options = access.Apply(parse, options);
            options.Validate(); // cheap checks first: the key may need a password or an HSM login
            ClientExposure.Check(options);
            var errors = parse.InvocationConfiguration.Error;
            var signer = ValidatorSigners.Open(keySettings, errors);
            try
            {
                // Without a config file a bank's node listens where the genesis says its peers will find it.
                var entry = configFile is null ? OwnValidatorEntry(genesis, signer.Address) : null;
                options = options with
                {
                    RpcPort = parse.GetValue(rpcPort) ?? entry?.RpcPort ?? options.RpcPort,
                    GrpcPort = parse.GetValue(grpcPort) ?? entry?.GrpcPort ?? options.GrpcPort,
                };
                options.Validate();
                await errors.WriteLineAsync($"ledger: node {signer.Address.ToChecksumString()} signs with {ValidatorSigners.Describe(keySettings)}");
                return await start(new NodeLaunch(genesis, signer, parse.GetRequiredValue(data).FullName, false, options), ct);
            }
            finally
            {
                (signer as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static ValidatorConfig? OwnValidatorEntry(GenesisConfig genesis, Address address) =>
        genesis.Validators.FirstOrDefault(v => v.Address == address);

    internal static GenesisConfig LoadGenesis(string path)
    {
        try
        {
            return GenesisLoader.LoadFile(path);
        }
        catch (GenesisException ex)
        {
            throw new NodeConfigurationException($"genesis '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Turns setup errors into one clear line on standard error and exit code 2, instead of a stack trace.</summary>
    internal static async Task<int> Guarded(ParseResult parse, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (NodeConfigurationException ex)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ledger: {ex.Message}");
            return SetupErrorExitCode;
        }
        catch (KeyCustodyException ex)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ledger: {ex.Message}");
            return SetupErrorExitCode;
        }
    }

    private static Option<int?> PortOption(string name, int? defaultValue, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        option.Validators.Add(result =>
        {
            // Read the token, not the value: a token that is not a number already has its own parse error.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var port) && port is < 0 or > 65535)
            {
                result.AddError($"{name} {port} is not a TCP port (0-65535; 0 picks a free one)");
            }
        });
        return option;
    }

    /// <summary>--state-history-blocks: range-checked with the other settings by <see cref="NodeOptions.Validate"/>.</summary>
    private static Option<int?> StateHistoryOption() => new("--state-history-blocks")
    {
        Description = "Blocks whose state stays queryable at a past block number, also after a restart (default 128; overrides the config file).",
    };

    /// <summary>--backup-dir: where `ledger backup` writes this node's online backups (off without it).</summary>
    private static Option<DirectoryInfo> BackupDirectoryOption() => new("--backup-dir")
    {
        Description = "Folder for online backups started with `ledger backup` (overrides the config file; without it online backups are off).",
    };

    /// <summary>--console true|false: the web console at /console/ (on unless turned off; overrides the config file).</summary>
    private static Option<bool?> ConsoleOption() => new("--console")
    {
        Description = "Serve the read-only web console at http://HOST:RPC-PORT/console/ (default true; --console false turns it off).",
    };

    private static void RequireNonNegative(OptionResult result, Option<int?> option)
    {
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var value) && value < 0)
        {
            result.AddError($"{option.Name} must not be negative");
        }
    }
}
