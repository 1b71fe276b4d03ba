using System.Globalization;

namespace Ledger.HistoryBench;

/// <summary>What one run writes and asks: its command line, with defaults for issue 16's figure (1,000,000 transfers).</summary>
internal sealed record BenchOptions
{
    public int Transfers { get; init; } = 1_000_000;

    public int PerBlock { get; init; } = 5_000;

    /// <summary>Dev accounts 0..N-1 send to each other (all are registered customers holding every token).</summary>
    public int Accounts { get; init; } = 10;

    public int Queries { get; init; } = 2_000;

    public int PageSize { get; init; } = 50;

    /// <summary>The RocksDB folder; a fresh temporary one (deleted at the end) when not given.</summary>
    public string? Data { get; init; }

    /// <summary>Commit without the account index (to measure what the index costs a commit).</summary>
    public bool NoIndex { get; init; }

    public string? Genesis { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            options = args[i] switch
            {
                "--transfers" => options with { Transfers = Count() },
                "--per-block" => options with { PerBlock = Count() },
                "--accounts" => options with { Accounts = Math.Min(Count(), 10) },
                "--queries" => options with { Queries = Count() },
                "--page-size" => options with { PageSize = Math.Min(Count(), 500) },
                "--data" => options with { Data = Next() },
                "--genesis" => options with { Genesis = Next() },
                "--no-index" => options with { NoIndex = true },
                _ => throw new ArgumentException(
                    $"unknown option {args[i]}; options: --transfers N --per-block N --accounts N (≤ 10) --queries N --page-size N --data DIR --genesis FILE --no-index"),
            };
        }

        return options;
    }
}
