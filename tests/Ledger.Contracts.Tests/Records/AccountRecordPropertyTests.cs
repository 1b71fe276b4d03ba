using System.Numerics;
using CsCheck;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Contracts.Tests.Records;

/// <summary>
/// Issue 17's property, on the real executor, modules and account index: over random sequences of every operation
/// (payments, allowances, batches, held payments released, cancelled and expired, invoices with coupons, points and
/// refunds, FX settlements, escrows approved, rejected and reclaimed, HTLCs claimed and refunded, mints, burns,
/// redemptions, forced transfers, recoveries, time passing), for every account and token and any period, the
/// statement's received − spent equals the balance change over that period, and so does the sum of the history
/// entries the index returns for it.
/// </summary>
public class AccountRecordPropertyTests
{
    private static readonly Gen<RecordOp> Operation = Gen.Select(
            Gen.Int[0, RecordOp.Kinds - 1], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 1], Gen.ULong[1, 120_000], Gen.Int[0, 17])
        .Select((kind, a, b, c, token, amount, pick) => new RecordOp(kind, a, b, c, token, amount, pick));

    /// <summary>Operations in blocks of one to four.</summary>
    private static readonly Gen<RecordOp[][]> Blocks = Operation.Array[1, 4].Array[3, 14];

    /// <summary>Periods as (first block, block after the last), picked from fractions of the run's length.</summary>
    private static readonly Gen<(double, double)[]> Periods = Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1]).Array[3];

    [Fact]
    public void Statement_and_history_of_any_period_add_up_to_the_balance_change()
    {
        Gen.Select(Blocks, Periods).Sample((blocks, periods) =>
        {
            using var run = new RecordRun();
            foreach (var block in blocks)
            {
                run.Apply(block);
            }

            Assert.Empty(run.Ledger.ModuleFaults);
            CheckPeriods(run, periods);
            return true;
        }, iter: 2_000, seed: "0N0XIzNsQ1R7");
    }

    [Fact]
    public void A_seeded_long_run_makes_every_kind_of_record()
    {
        var random = new Random(17);
        using var run = new RecordRun();
        for (var block = 0; block < 400; block++)
        {
            run.Apply(Enumerable.Range(0, 3).Select(_ => new RecordOp(
                random.Next(RecordOp.Kinds), random.Next(6), random.Next(6), random.Next(6), random.Next(2), (ulong)random.Next(1, 120_000), random.Next(18))));
        }

        var kinds = RecordRun.Accounts.SelectMany(a => run.Ledger.History(a)).Select(r => r.Kind).ToHashSet();
        Assert.All(RecordKinds.All, kind => Assert.True(kinds.Contains(kind), $"no {kind.WireName()} record in 400 random blocks"));
        CheckPeriods(run, [(0, 1), (0.25, 0.5), (0.5, 0.9)]);
    }

    private static void CheckPeriods(RecordRun run, IEnumerable<(double, double)> periods)
    {
        var chain = run.Ledger.Chain;
        var head = chain.HeadNumber;
        foreach (var (x, y) in periods.Append((0, 1)))
        {
            // [from, to): blocks from..to-1, as a time window of their timestamps (block times strictly increase).
            var from = Math.Clamp((ulong)(Math.Min(x, y) * head), 1, head);
            var to = Math.Clamp((ulong)(Math.Max(x, y) * head) + 1, from + 1, head + 1);
            var sinceMs = chain.GetHeader(from)!.TimestampMs;
            var untilMs = to > head ? 0 : chain.GetHeader(to)!.TimestampMs;
            foreach (var account in RecordRun.Accounts)
            {
                var records = All(run, new AccountHistoryQuery { Account = account, SinceMs = sinceMs, UntilMs = untilMs });
                var statement = RecordStatement.Build(records);
                foreach (var token in RecordRun.Tokens)
                {
                    var change = run.Balances[(int)Math.Min(to - 1, head)][(account, token)].ToBigInteger() - run.Balances[(int)from - 1][(account, token)].ToBigInteger();
                    var mine = records.Where(r => r.Token == token).ToList();
                    var totals = statement.Tokens.SingleOrDefault(t => t.Token == token);
                    var what = $"{account} {token} blocks {from}..{to - 1}";
                    Assert.True(change == mine.Aggregate(BigInteger.Zero, (s, r) => s + r.Change), $"history of {what} does not sum to the balance change {change}");
                    Assert.True(change == (totals?.Total.Net ?? 0), $"statement of {what}: received − spent = {totals?.Total.Net} but the balance changed by {change}");
                    Assert.Equal(totals?.Total.Net ?? 0, totals?.ByCounterparty.Aggregate(BigInteger.Zero, (s, l) => s + l.Line.Net) ?? 0);
                    Assert.Equal(totals?.Total.Net ?? 0, totals?.ByKind.Aggregate(BigInteger.Zero, (s, l) => s + l.Line.Net) ?? 0);
                    Assert.All(mine, r => Assert.True(r.TimestampMs >= sinceMs && (untilMs == 0 || r.TimestampMs < untilMs)));
                }
            }
        }
    }

    private static List<AccountRecord> All(RecordRun run, AccountHistoryQuery query)
    {
        var all = new List<AccountRecord>();
        HistoryCursor? cursor = null;
        do
        {
            var page = run.Ledger.Chain.GetAccountHistory(query with { PageSize = 7, Cursor = cursor });
            all.AddRange(page.Records);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // Newest first, each position once.
        Assert.Equal(all.Select(r => (r.BlockNumber, r.Sequence)).OrderByDescending(p => p), all.Select(r => (r.BlockNumber, r.Sequence)));
        Assert.Equal(all.Count, all.Select(r => (r.BlockNumber, r.Sequence)).Distinct().Count());
        return all;
    }
}
