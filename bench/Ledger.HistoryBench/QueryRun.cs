using System.Diagnostics;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Execution.Chain;

namespace Ledger.HistoryBench;

/// <summary>
/// The scripted run of history calls: for random accounts, the newest page, pages followed by cursor deep into the
/// history, a page by number, a token filter, a counterparty filter and a one-hour time window — each call timed on
/// its own (ChainStore.GetAccountHistory, what GetHistory and ledger_getAccountHistory run).
/// </summary>
internal sealed class QueryRun(ChainStore chain, BenchOptions options)
{
    private static readonly Address Usda = Address.Parse("0x2000000000000000000000000000000000000001");
    private readonly Random _random = new(16);

    public Dictionary<string, List<double>> Latencies { get; } = [];

    public long Records { get; private set; }

    public void Run()
    {
        var head = chain.HeadNumber;
        for (var q = 0; q < options.Queries; q++)
        {
            var account = DevKeys.Address(_random.Next(options.Accounts));
            var query = new AccountHistoryQuery { Account = account, PageSize = options.PageSize };
            switch (q % 6)
            {
                case 0:
                    Time("newest page", query);
                    break;
                case 1:
                    // Follow the cursor 1–20 pages deep; every call is timed.
                    var page = Time("cursor page", query);
                    for (var depth = _random.Next(1, 21); depth > 0 && page.NextCursor is { } cursor; depth--)
                    {
                        page = Time("cursor page", query with { Cursor = cursor });
                    }

                    break;
                case 2:
                    Time("page number 20", query with { Page = 20, AsOfBlock = head });
                    break;
                case 3:
                    Time("token filter", query with { Token = Usda });
                    break;
                case 4:
                    Time("counterparty filter", query with { Counterparty = DevKeys.Address(_random.Next(options.Accounts)) });
                    break;
                default:
                    var block = (ulong)_random.NextInt64(1, (long)head + 1);
                    var since = chain.GetHeader(block)!.TimestampMs;
                    Time("one-hour window", query with { SinceMs = since, UntilMs = since + 3_600_000 });
                    break;
            }
        }
    }

    private AccountHistoryPage Time(string what, AccountHistoryQuery query)
    {
        var clock = Stopwatch.StartNew();
        var page = chain.GetAccountHistory(query);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!Latencies.TryGetValue(what, out var list))
        {
            Latencies[what] = list = [];
        }

        list.Add(ms);
        Records += page.Records.Count;
        return page;
    }
}
