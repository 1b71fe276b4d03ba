namespace Ledger.Chaos.Soak;

/// <summary>One node at one moment of the soak.</summary>
public sealed record SoakSample(
    double AtSeconds,
    int Node,
    long Submitted,
    long Committed,
    double ResidentMiB,
    double PoolSize,
    double Filters,
    double PeerQueued,
    double Height);
