using Ledger.Core.Primitives;

namespace Ledger.Wallet.Client;

/// <summary>Which transfers <c>history</c> asks for: token symbol ("" for all), other side, time window (0 = open).</summary>
public sealed record HistoryFilter(string Token, Address? Counterparty, ulong SinceMs, ulong UntilMs)
{
    /// <summary>
    /// Whether --rpc looks up what each entry was part of (two JSON-RPC calls per transaction). Commands that only
    /// sum amounts (statement, pending) turn it off; over gRPC the node attaches it anyway, at no extra round trip.
    /// </summary>
    public bool Origins { get; init; } = true;

    public static HistoryFilter All { get; } = new(string.Empty, null, 0, 0);
}
