namespace Ledger.Chaos.Cluster;

/// <summary>
/// Runs one node with its wall clock shifted by <see cref="Offset"/>, through Debian's libfaketime (LD_PRELOAD): the node's
/// DateTime/TimeProvider wall time moves, its monotonic clock (timers, Stopwatch) does not, so only what a wrong NTP
/// setting would change changes. Not a node option: the node has no clock flag, and needs none.
/// </summary>
public static class ClockSkew
{
    private static readonly string[] Libraries =
    [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
        "/usr/lib/faketime/libfaketimeMT.so.1",
    ];

    /// <summary>The libfaketime library, or null when Debian's <c>faketime</c> package is not installed.</summary>
    public static string? Library => Libraries.FirstOrDefault(File.Exists);

    /// <summary>The environment that shifts a process's wall clock by <paramref name="offsetSeconds"/>; throws when libfaketime is missing.</summary>
    public static IReadOnlyDictionary<string, string> Environment(int offsetSeconds)
    {
        var library = Library ?? throw new InvalidOperationException(
            "clock-skew faults need libfaketime: install Debian's package (apt-get install -y faketime); .ci/run does it when missing");
        return new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = library,
            ["FAKETIME"] = offsetSeconds >= 0 ? $"+{offsetSeconds}s" : $"{offsetSeconds}s",
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        };
    }
}
