using System.Numerics;
using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// Maker–checker ("four-eyes") rules for a bank's powerful operations: account recovery, forced transfers, burns
/// from a customer and mints above a threshold need a second officer of the same bank. Fixed at genesis; the
/// defaults apply when the section is left out.
/// </summary>
public sealed record FourEyesConfig
{
    /// <summary>Seven days: how long a request waits for its second officer before it expires.</summary>
    public const ulong DefaultRequestTtlSeconds = 604_800;

    /// <summary>48 hours: how long an approved recovery waits, so the customer or its guardian can veto it.</summary>
    public const ulong DefaultRecoveryDelaySeconds = 172_800;

    /// <summary>One million whole units: the largest mint one issuer key makes alone.</summary>
    public const string DefaultMintThreshold = "1000000";

    /// <summary>Longest request lifetime or recovery delay genesis accepts (90 days).</summary>
    public const ulong MaxSeconds = 7_776_000;

    public ulong RequestTtlSeconds { get; init; } = DefaultRequestTtlSeconds;

    public ulong RecoveryDelaySeconds { get; init; } = DefaultRecoveryDelaySeconds;

    /// <summary>Whole units (a decimal string) for every token not in <see cref="MintThresholds"/>.</summary>
    public string MintThreshold { get; init; } = DefaultMintThreshold;

    /// <summary>Per token symbol, whole units: the largest single-step mint of that token.</summary>
    public IReadOnlyDictionary<string, string> MintThresholds { get; init; } = new Dictionary<string, string>();

    /// <summary>True when every value is the default (then the section is left out of the JSON).</summary>
    public bool IsDefault =>
        RequestTtlSeconds == DefaultRequestTtlSeconds && RecoveryDelaySeconds == DefaultRecoveryDelaySeconds
        && MintThreshold == DefaultMintThreshold && MintThresholds.Count == 0;

    /// <summary>
    /// The largest amount (base units) of token <paramref name="symbol"/> one issuer mints in one transaction
    /// without a second officer. A threshold too large for uint256 means "no limit".
    /// </summary>
    public UInt256 MintThresholdOf(string symbol, byte decimals)
    {
        var whole = MintThresholds.TryGetValue(symbol, out var own) ? own : MintThreshold;
        if (!GenesisRules.IsPositiveInteger(whole) && whole != "0")
        {
            throw new FormatException($"mint threshold '{whole}' of {symbol} is not a whole number");
        }

        var value = BigInteger.Parse(whole, System.Globalization.CultureInfo.InvariantCulture) * BigInteger.Pow(10, decimals);
        return UInt256.TryFromBigInteger(value, out var result) ? result : UInt256.MaxValue;
    }
}
