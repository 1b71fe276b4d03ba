using System.Globalization;

namespace Ledger.Chaos.Soak;

/// <summary>The <c>ledger-chaos soak</c> command line.</summary>
public sealed record SoakOptions
{
    public const string Usage = """
        usage: ledger-chaos soak --rate N [options]
          --rate N            transfers offered per second (the README figure: half the measured capacity)
          --txs N             transfers in total (default 1000000)
          --accounts N        fresh accounts, each sends every N-th transfer to the next (default 10000)
          --sample-s N        seconds between samples of every node (default 10)
          --warmup-s N        samples before this are warm-up, left out of the growth figures (default 300)
          --work DIR          scratch folder (default /tmp/ledger-chaos-soak)
          --out FILE          write every sample and the summary as JSON to FILE
        Four `ledger run` validators on the repo genesis (direct links, as `ledger testnet`); every sample records each
        node's RSS, pool size, installed filters and peer queue lengths. A filter client keeps a block and a log filter
        polled and abandons one new filter a minute (they must expire).
        """;

    public int Rate { get; init; }

    public int Transactions { get; init; } = 1_000_000;

    public int Accounts { get; init; } = 10_000;

    public int SampleSeconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 300;

    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "ledger-chaos-soak");

    public string? OutFile { get; init; }

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v
                : throw new ArgumentException($"{name} needs a whole number ≥ {min}, got '{args[i]}'");
            options = name switch
            {
                "--rate" => options with { Rate = Int(1) },
                "--txs" => options with { Transactions = Int(1) },
                "--accounts" => options with { Accounts = Int(2) },
                "--sample-s" => options with { SampleSeconds = Int(1) },
                "--warmup-s" => options with { WarmupSeconds = Int(0) },
                "--work" => options with { WorkDirectory = Path.GetFullPath(Value()) },
                "--out" => options with { OutFile = Value() },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        if (options.Rate == 0)
        {
            throw new ArgumentException("--rate is required: half of the capacity measured with ledger-loadgen --spawn-testnet");
        }

        if (options.Transactions / options.Accounts > 1_000)
        {
            throw new ArgumentException($"{options.Transactions / options.Accounts} transfers per account: use more --accounts (at most 1,000 per account)");
        }

        return options;
    }
}
