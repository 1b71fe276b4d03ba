using System.Globalization;

namespace Ledger.SnapshotBench;

/// <summary>The command line of one run, with defaults for issue 14's figure (100,000 transfers among 10,000 customers).</summary>
internal sealed record SnapshotBenchOptions
{
    public int Transfers { get; init; } = 100_000;

    public int PerBlock { get; init; } = 1_000;

    /// <summary>Customers added to the genesis (dev keys from <see cref="SnapshotBenchGenesis.FirstAccountKey"/>), each holding USDA and EURA.</summary>
    public int Accounts { get; init; } = 10_000;

    public int ChunkBytes { get; init; } = Execution.Snapshots.SnapshotLimits.DefaultChunkBytes;

    /// <summary>Folder for the three data dirs (source, replayed, snapshot); a temporary one, deleted at the end, when not given.</summary>
    public string? Work { get; init; }

    public static SnapshotBenchOptions Parse(string[] args)
    {
        var options = new SnapshotBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            options = args[i] switch
            {
                "--transfers" => options with { Transfers = Count() },
                "--per-block" => options with { PerBlock = Count() },
                "--accounts" => options with { Accounts = Math.Max(Count(), 2) },
                "--chunk-bytes" => options with { ChunkBytes = Count() },
                "--work" => options with { Work = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}; options: --transfers N --per-block N --accounts N --chunk-bytes N --work DIR"),
            };
        }

        return options;
    }
}
