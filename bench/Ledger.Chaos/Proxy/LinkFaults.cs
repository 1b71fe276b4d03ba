namespace Ledger.Chaos.Proxy;

/// <summary>
/// What one direction of a peer link suffers, immutable: set a new value on a <see cref="LinkDirection"/> to change it.
/// </summary>
public sealed record LinkFaults
{
    public static LinkFaults None { get; } = new();

    /// <summary>Each chunk is held this long before it is forwarded (0–300 ms in the campaign).</summary>
    public int DelayMs { get; init; }

    /// <summary>A uniform extra delay in [0, JitterMs] per chunk; order is kept (a chunk never overtakes the one before).</summary>
    public int JitterMs { get; init; }

    /// <summary>Bytes per second forwarded in this direction; 0 = unlimited.</summary>
    public long BytesPerSecond { get; init; }

    /// <summary>Nothing is forwarded while set; what was read waits and is delivered, in order, once cleared (a frozen
    /// middlebox or a long retransmission gap). The sender feels it as backpressure once the proxy's buffer is full.</summary>
    public bool Stalled { get; init; }

    /// <summary>
    /// A partition: existing connections hold their bytes as for <see cref="Stalled"/> (TCP retransmits across a short
    /// partition), and a new connection between the two nodes is accepted but never forwarded in either direction until
    /// the partition heals, when it is reset (its handshake would have timed out).
    /// </summary>
    public bool Partitioned { get; init; }

    /// <summary>True when bytes cannot flow now.</summary>
    public bool Holds => Stalled || Partitioned;

    public bool IsNone => this == None;

    public override string ToString()
    {
        if (IsNone)
        {
            return "clear";
        }

        var parts = new List<string>();
        if (DelayMs > 0 || JitterMs > 0)
        {
            parts.Add($"delay {DelayMs}+{JitterMs} ms");
        }

        if (BytesPerSecond > 0)
        {
            parts.Add($"cap {BytesPerSecond / 1024} KiB/s");
        }

        if (Stalled)
        {
            parts.Add("stalled");
        }

        if (Partitioned)
        {
            parts.Add("partitioned");
        }

        return string.Join(", ", parts);
    }
}
