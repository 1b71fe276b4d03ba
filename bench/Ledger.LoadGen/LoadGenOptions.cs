using System.Globalization;

namespace Ledger.LoadGen;

/// <summary>What one load run does. Immutable; <see cref="Parse"/> validates the command line with specific errors.</summary>
public sealed record LoadGenOptions
{
    public const string Usage = """
        usage: ledger-loadgen (--rpc URL[,URL...] | --spawn-dev | --spawn-testnet) [options]
          --rpc URL[,URL...]     JSON-RPC endpoint(s) of running nodes (e.g. http://127.0.0.1:8545); with several,
                                 batches go round-robin to them (a consortium: every node gossips to the proposer)
          --spawn-dev            start `ledger dev` on free ports with a temporary data folder, and stop it after
          --spawn-testnet        start `ledger testnet` (four validators) on free JSON-RPC ports with a temporary
                                 data folder, submit round-robin to all four, and stop them after
          --txs N                token transfers to submit (default 100000)
          --accounts N           fresh accounts registered and funded in the setup phase (default 1000)
          --rate N               offered rate in transactions per second; 0 = as fast as possible (default 0)
          --batch N              transactions per eth_sendRawTransaction batch (default 200)
          --connections N        concurrent HTTP connections used to submit (default 4)
          --commit-timeout-s N   give up waiting for commits after N seconds without progress (default 30)
          --max-duration-s N     hard bound on the whole timed phase (default 600)
          --block-interval-ms N  with --spawn-dev: the node's block interval (default: the node's own)
          --shape spread|processor
                                 spread (default): transfer j is sent by account j mod A, so batches mix many
                                 senders; processor: each account sends all its transfers in nonce order (a
                                 payment processor's payroll or refund run), batches hold consecutive nonces of
                                 one account, and a batch waits until its nonces are at most --max-ahead beyond
                                 the account's committed nonce
          --max-ahead N          with --shape processor: nonces in flight per account (default 500)
          --out FILE             also write the JSON result to FILE
        """;

    /// <summary>The endpoints of running nodes (--rpc); empty when the tool spawns its own.</summary>
    public IReadOnlyList<Uri> RpcUrls { get; init; } = [];

    public bool SpawnDev { get; init; }

    public bool SpawnTestnet { get; init; }

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

    /// <summary>True for the payment-processor shape: few accounts, each sending in nonce order, flow-controlled.</summary>
    public bool ProcessorShape { get; init; }

    /// <summary>Processor shape: most nonces an account has beyond its committed nonce.</summary>
    public int MaxAhead { get; init; } = 500;

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
                "--rpc" => options with { RpcUrls = ParseUrls(Value()) },
                "--spawn-dev" => options with { SpawnDev = true },
                "--spawn-testnet" => options with { SpawnTestnet = true },
                "--txs" => options with { Transactions = Int(1) },
                "--accounts" => options with { Accounts = Int(1) },
                "--rate" => options with { Rate = Int(0) },
                "--batch" => options with { Batch = Int(1) },
                "--connections" => options with { Connections = Int(1) },
                "--commit-timeout-s" => options with { CommitTimeoutSeconds = Int(1) },
                "--max-duration-s" => options with { MaxDurationSeconds = Int(1) },
                "--block-interval-ms" => options with { BlockIntervalMs = Int(1) },
                "--out" => options with { OutFile = Value() },
                "--shape" => options with
                {
                    ProcessorShape = Value() switch
                    {
                        "processor" => true,
                        "spread" => false,
                        var other => throw new ArgumentException($"--shape is spread or processor, got '{other}'"),
                    },
                },
                "--max-ahead" => options with { MaxAhead = Int(1) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        options.Validate();
        return options;
    }

    public void Validate()
    {
        if ((RpcUrls.Count > 0 ? 1 : 0) + (SpawnDev ? 1 : 0) + (SpawnTestnet ? 1 : 0) != 1)
        {
            throw new ArgumentException("give exactly one of --rpc URL, --spawn-dev and --spawn-testnet");
        }

        if (Accounts > Transactions)
        {
            throw new ArgumentException($"--accounts ({Accounts}) must not exceed --txs ({Transactions}): every account sends at least one transfer");
        }

        if (Accounts < 2)
        {
            throw new ArgumentException("--accounts must be at least 2: each account pays the next one");
        }

        if (!ProcessorShape && Transactions / Accounts > 900)
        {
            // Without flow control every transfer of an account may be in flight at once: keep inside the pool's
            // window of 1,024 nonces beyond the committed one (or use --shape processor, which waits).
            throw new ArgumentException($"{Transactions / Accounts} transfers per account would exceed the pool's per-sender window; use more --accounts or --shape processor");
        }

        if (ProcessorShape && MaxAhead <= Batch)
        {
            throw new ArgumentException($"--max-ahead ({MaxAhead}) must exceed --batch ({Batch}): a whole batch has to fit in flight");
        }

        if (ProcessorShape && MaxAhead > 1_000)
        {
            throw new ArgumentException($"--max-ahead {MaxAhead} is beyond the pool's window of 1,024 nonces in flight");
        }
    }

    private static Uri[] ParseUrls(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new ArgumentException($"--rpc needs http(s) URLs, got '{url}'"))];
}
