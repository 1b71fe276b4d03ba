using Ledger.Core.Primitives;

namespace Ledger.Wallet.Client;

/// <summary>Which transfers <c>history</c> asks for: token symbol ("" for all), other side, time window (0 = open).</summary>
public sealed record HistoryFilter(string Token, Address? Counterparty, ulong SinceMs, ulong UntilMs)
{
    public static HistoryFilter All { get; } = new(string.Empty, null, 0, 0);
}
