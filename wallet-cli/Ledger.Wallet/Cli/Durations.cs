using System.Globalization;

namespace Ledger.Wallet.Cli;

/// <summary>Durations as people type them for expiries and deadlines: 90s, 30m, 2h, 7d.</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2 && ulong.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 3650 * 86400)
        {
            var seconds = text[^1] switch
            {
                's' => count,
                'm' => count * 60,
                'h' => count * 3600,
                'd' => count * 86400,
                _ => 0UL,
            };
            if (seconds is > 0 and <= 3650UL * 86400)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        throw WalletException.Usage($"{option} '{text}' is not a duration: a number with s, m, h or d, e.g. 30m or 7d");
    }

    /// <summary>The shortest validity a wallet signs for: the transaction needs time to reach a block, and a deadline already past by then reverts.</summary>
    public static readonly TimeSpan MinimumValidity = TimeSpan.FromMinutes(1);

    /// <summary>How long something stays valid (an invoice, a coupon, an escrow, an HTLC, a rate or quote): at least <see cref="MinimumValidity"/>.</summary>
    public static TimeSpan Validity(string text, string option)
    {
        var span = Parse(text, option);
        return span >= MinimumValidity
            ? span
            : throw WalletException.Usage(
                $"{option} {text} is too short: it must stay valid for at least a minute, or it would expire before its transaction reaches a block; nothing was sent");
    }

    /// <summary>Unix seconds <paramref name="span"/> after the head block's time (the modules compare with block time).</summary>
    public static async Task<ulong> AfterHeadAsync(WalletSession session, TimeSpan span, CancellationToken ct)
    {
        var head = await session.Client.GetBlockAsync(null, ct).ConfigureAwait(false);
        return (head.TimestampMs / 1000) + (ulong)span.TotalSeconds;
    }

    public static string FormatUnix(ulong seconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)seconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
