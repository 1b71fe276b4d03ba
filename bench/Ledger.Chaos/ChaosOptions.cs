using System.Globalization;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos;

/// <summary>The <c>ledger-chaos</c> campaign command line; <see cref="Parse"/> names the bad argument.</summary>
public sealed record ChaosOptions
{
    public const string Usage = """
        usage: ledger-chaos [--seed S] [--scenarios N | --scenario K] [options]
               ledger-chaos soak [soak options]   (see ledger-chaos soak --help)
               ledger-chaos report --out FILE LINES-FILE...
          --seed S               campaign seed (default: random, printed); scenario k of seed S is always the same
          --scenarios N          run scenarios first..first+N-1 (default 14: one of each fault class)
          --first K              index of the first scenario (default 0)
          --scenario K           run only scenario K (reproduce a failure)
          --class NAME           force every scenario into one fault class (None, Delay, Bandwidth, Stall, Reset,
                                 OneWayPartition, TwoWayPartition, Kill, PauseProposer, RestartAll, WipeResync,
                                 DiskFull, ClockSkew, Mixed)
          --rate N               payments offered per second during a scenario (default 40)
          --accounts N           workload accounts (default 16)
          --converge-within-s N  bound on convergence after the heal (default 30)
          --work DIR             scratch folder for the clusters (default /tmp/ledger-chaos)
          --json FILE            also write the JSON summary (with every scenario) to FILE
          --report FILE          also write the figures as the Markdown tables of docs/RELIABILITY.md
          --keep                 keep every scenario's folder (node logs and data), not only failed ones
          --lines FILE           append each finished scenario as one JSON line (merge runs: ledger-chaos report)
        Each scenario prints one line; the JSON summary follows on standard output. Exit code 0 when every
        scenario kept every invariant, 1 otherwise, 2 for a bad command line.
        """;

    public long Seed { get; init; } = Random.Shared.NextInt64(1, 1_000_000_000);

    public int First { get; init; }

    public int Count { get; init; } = ScenarioGenerator.Classes.Length;

    public FaultClass? Only { get; init; }

    public string? JsonFile { get; init; }

    public string? ReportFile { get; init; }

    public string? LinesFile { get; init; }

    public RunnerOptions Runner { get; init; } = new();

    public IEnumerable<int> Indices => Enumerable.Range(First, Count);

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ChaosOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v
                : throw new ArgumentException($"{name} needs a whole number ≥ {min}, got '{args[i]}'");
            options = name switch
            {
                "--seed" => options with
                {
                    Seed = long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException($"--seed needs a whole number, got '{args[i]}'"),
                },
                "--scenarios" => options with { Count = Int(1) },
                "--first" => options with { First = Int(0) },
                "--scenario" => options with { First = Int(0), Count = 1 },
                "--class" => options with
                {
                    Only = Enum.TryParse<FaultClass>(Value(), ignoreCase: true, out var c)
                        ? c
                        : throw new ArgumentException($"--class is one of {string.Join(", ", ScenarioGenerator.Classes)}; got '{args[i]}'"),
                },
                "--rate" => options with { Runner = options.Runner with { Rate = Int(1) } },
                "--accounts" => options with { Runner = options.Runner with { Accounts = Int(4) } },
                "--converge-within-s" => options with { Runner = options.Runner with { ConvergeWithin = TimeSpan.FromSeconds(Int(1)) } },
                "--work" => options with { Runner = options.Runner with { WorkDirectory = Path.GetFullPath(Value()) } },
                "--json" => options with { JsonFile = Value() },
                "--report" => options with { ReportFile = Value() },
                "--lines" => options with { LinesFile = Value() },
                "--keep" => options with { Runner = options.Runner with { KeepAll = true } },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return options;
    }
}
