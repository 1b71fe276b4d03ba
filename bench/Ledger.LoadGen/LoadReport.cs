using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.LoadGen;

/// <summary>The result of one run, written as JSON with snake_case names.</summary>
public sealed record LoadReport
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Offered rate in tx/s; 0 = as fast as possible.</summary>
    public required int OfferedRate { get; init; }

    public required int Submitted { get; init; }

    public required int Committed { get; init; }

    /// <summary>From the first batch sent to the last commit seen.</summary>
    public required double DurationS { get; init; }

    /// <summary>Committed transfers per second over <see cref="DurationS"/>.</summary>
    public required double Tps { get; init; }

    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Transfers the node refused or that were lost with a failed request.</summary>
    public required int Errors { get; init; }

    /// <summary>Rate at which the client actually got the transfers out (≤ the offered rate).</summary>
    public required double SubmitRate { get; init; }

    public required int Accounts { get; init; }

    public required int Batch { get; init; }

    public required int Connections { get; init; }

    public required int Blocks { get; init; }

    /// <summary>Accepted transfers never seen committed before the run gave up waiting.</summary>
    public required int Uncommitted { get; init; }

    public IReadOnlyDictionary<string, int>? ErrorSamples { get; init; }

    /// <summary>Consortium only: mean milliseconds per block of each consensus phase during the run (see <see cref="PhaseTimes"/>).</summary>
    public IReadOnlyDictionary<string, double>? PhaseMsPerBlock { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
