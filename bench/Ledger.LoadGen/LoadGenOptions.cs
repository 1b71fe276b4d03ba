using System.Globalization;

namespace Ledger.LoadGen;

/// <summary>What one load run does. Immutable; <see cref="Parse"/> validates the command line with specific errors.</summary>
public sealed record LoadGenOptions
{
    public const string Usage = """
        usage: ledger-loadgen (--rpc URL | --spawn-dev) [options]
          --rpc URL              JSON-RPC endpoint of a running node (e.g. http://127.0.0.1:8545)
          --spawn-dev            start `ledger dev` on free ports with a temporary data folder, and stop it after
          --txs N                token transfers to submit (default 100000)
          --accounts N           fresh accounts registered and funded in the setup phase (default 1000)
          --rate N               offered rate in transactions per second; 0 = as fast as possible (default 0)
          --batch N              transactions per eth_sendRawTransaction batch (default 200)
          --connections N        concurrent HTTP connections used to submit (default 4)
          --commit-timeout-s N   give up waiting for commits after N seconds without progress (default 30)
          --max-duration-s N     hard bound on the whole timed phase (default 600)
          --block-interval-ms N  with --spawn-dev: the node's block interval (default: the node's own)
          --out FILE             also write the JSON result to FILE
        """;

    public Uri? RpcUrl { get; init; }

    public bool SpawnDev { get; init; }

    public int Transactions { get; init; } = 100_000;

    public int Accounts { get; init; } = 1_000;

    /// <summary>Offered rate in tx/s; 0 submits as fast as the node answers.</summary>
    public int Rate { get; init; }

    public int Batch { get; init; } = 200;

    public int Connections { get; init; } = 4;

    public int CommitTimeoutSeconds { get; init; } = 30;

    public int MaxDurationSeconds { get; init; } = 600;

    public int? BlockIntervalMs { get; init; }

    public string? OutFile { get; init; }

    public static LoadGenOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadGenOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v
                : throw new ArgumentException($"{name} needs a whole number ≥ {min}, got '{args[i]}'");
            options = name switch
            {
                "--rpc" => options with { RpcUrl = Uri.TryCreate(Value(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new ArgumentException($"--rpc needs an http(s) URL, got '{args[i]}'") },
                "--spawn-dev" => options with { SpawnDev = true },
                "--txs" => options with { Transactions = Int(1) },
                "--accounts" => options with { Accounts = Int(1) },
                "--rate" => options with { Rate = Int(0) },
                "--batch" => options with { Batch = Int(1) },
                "--connections" => options with { Connections = Int(1) },
                "--commit-timeout-s" => options with { CommitTimeoutSeconds = Int(1) },
                "--max-duration-s" => options with { MaxDurationSeconds = Int(1) },
                "--block-interval-ms" => options with { BlockIntervalMs = Int(1) },
                "--out" => options with { OutFile = Value() },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        options.Validate();
        return options;
    }

    public void Validate()
    {
        if ((RpcUrl is null) == !SpawnDev)
        {
            throw new ArgumentException("give exactly one of --rpc URL and --spawn-dev");
        }

        if (Accounts > Transactions)
        {
            throw new ArgumentException($"--accounts ({Accounts}) must not exceed --txs ({Transactions}): every account sends at least one transfer");
        }

        if (Accounts < 2)
        {
            throw new ArgumentException("--accounts must be at least 2: each account pays the next one");
        }

        if (Transactions / Accounts > 900)
        {
            // The pool holds at most 1,000 pending transactions per sender by default.
            throw new ArgumentException($"{Transactions / Accounts} transfers per account would exceed the pool's per-sender capacity; use more --accounts");
        }
    }
}
