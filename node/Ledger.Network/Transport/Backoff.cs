namespace Ledger.Network.Transport;

/// <summary>Reconnect delays: exponential from a base, capped, with jitter so restarted peers do not dial in lockstep.</summary>
internal static class Backoff
{
    /// <summary>Uniform in [d/2, d] where d = min(base · 2^attempt, cap).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(attempt, 30);
        var ticks = Math.Min(baseDelay.Ticks * (double)(1L << exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (0.5 + (random.NextDouble() / 2))));
    }
}
