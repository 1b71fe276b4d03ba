namespace Ledger.Consensus;

/// <summary>Consensus tuning. Immutable; <see cref="Validate"/> runs when a state machine is built.</summary>
public sealed record QbftOptions
{
    /// <summary>Round 0 timeout in milliseconds; round r waits <c>min(base · 2^r, cap)</c>.</summary>
    public long BaseRoundTimeoutMs { get; init; } = 2_000;

    /// <summary>Cap on the round timeout, so a long outage does not leave validators waiting for hours after it heals.</summary>
    public long MaxRoundTimeoutMs { get; init; } = 30_000;

    /// <summary>Messages for heights up to current + this are buffered; further ones are dropped (block sync catches up).</summary>
    public int FutureHeightWindow { get; init; } = 10;

    /// <summary>Buffered future-height messages per sender; bounds what one (possibly Byzantine) validator can make us hold.</summary>
    public int MaxBufferedMessagesPerSender { get; init; } = 128;

    /// <summary>PREPARE/COMMIT for rounds up to current + this are kept for when this node gets there.</summary>
    public int FutureRoundWindow { get; init; } = 10;

    /// <summary>Past rounds whose COMMITs are still counted (a late commit quorum finalises the block).</summary>
    public int PastRoundWindow { get; init; } = 4;

    public static QbftOptions Default { get; } = new();

    public void Validate()
    {
        if (BaseRoundTimeoutMs <= 0)
        {
            throw new ArgumentException($"BaseRoundTimeoutMs must be positive, got {BaseRoundTimeoutMs}");
        }

        if (MaxRoundTimeoutMs < BaseRoundTimeoutMs)
        {
            throw new ArgumentException($"MaxRoundTimeoutMs ({MaxRoundTimeoutMs}) must be at least BaseRoundTimeoutMs ({BaseRoundTimeoutMs})");
        }

        if (FutureHeightWindow < 0 || MaxBufferedMessagesPerSender < 0 || FutureRoundWindow < 0 || PastRoundWindow < 0)
        {
            throw new ArgumentException("consensus windows and buffer caps must not be negative");
        }
    }

    /// <summary>min(base · 2^round, cap), without overflow for any round.</summary>
    public long RoundTimeoutMs(uint round)
    {
        if (round >= 62)
        {
            return MaxRoundTimeoutMs;
        }

        var factor = 1L << (int)round;
        return BaseRoundTimeoutMs > MaxRoundTimeoutMs / factor ? MaxRoundTimeoutMs : Math.Min(BaseRoundTimeoutMs * factor, MaxRoundTimeoutMs);
    }
}
