using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Execution.Indexing;
using Ledger.Execution.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Memory;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Indexing;

/// <summary>
/// The account index over a real chain store: records reach it in the block's batch, pages come newest first by
/// cursor or by page number, both stable while blocks arrive, filters select exactly what a scan of all records would,
/// and a data dir without the index gets it built on start (resuming an interrupted build).
/// </summary>
public sealed class AccountIndexTests
{
    private static readonly Address Sender = DevKeys.Address(1);

    [Fact]
    public void Records_are_written_in_the_block_batch_and_read_back_newest_first()
    {
        var store = new CountingStore(new MemoryKeyValueStore());
        using var chain = new TestChain(store, records: new SyntheticClassifier());
        var writesBefore = store.Writes;

        var (block, _) = chain.Produce(Tx(chain, 0), Tx(chain, 1));

        Assert.Equal(writesBefore + 1, store.Writes); // one synced batch: block, state and index rows together
        Assert.Equal(2 * 2, store.LastBatchRows(Column.AccountIndex)); // per record: the record (by token) and the pointer by counterparty
        var page = History(chain, new AccountHistoryQuery { Account = Sender });
        Assert.Equal([(block.Header.Number, 1), (block.Header.Number, 0), (0UL, 1)], page.Records.Select(r => (r.BlockNumber, r.Sequence)));
        Assert.Equal(RecordKind.OpeningBalance, page.Records[^1].Kind);
        Assert.Equal(block.Transactions[1].Hash, page.Records[0].TransactionHash);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void Cursor_paging_neither_repeats_nor_skips_while_new_blocks_arrive()
    {
        using var chain = new TestChain(records: new SyntheticClassifier());
        Produce(chain, blocks: 10, perBlock: 3);
        var expected = All(chain, new AccountHistoryQuery { Account = Sender, PageSize = 500 });

        var seen = new List<(ulong, int)>();
        HistoryCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 4, Cursor = cursor });
            seen.AddRange(page.Records.Select(r => (r.BlockNumber, r.Sequence)));
            cursor = page.NextCursor;
            Produce(chain, blocks: 1, perBlock: 2); // newer records land before the cursor, never after it
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(expected.Select(r => (r.BlockNumber, r.Sequence)), seen);
        Assert.Equal(31, seen.Count); // 30 transactions and the opening balance
    }

    [Fact]
    public void Page_numbers_counted_from_the_first_answer_stay_the_same_pages()
    {
        using var chain = new TestChain(records: new SyntheticClassifier());
        Produce(chain, blocks: 6, perBlock: 2);
        var first = History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 3, Page = 1 });
        var second = History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 3, Page = 2, AsOfBlock = first.AsOfBlock });

        Produce(chain, blocks: 3, perBlock: 2);
        var secondLater = History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 3, Page = 2, AsOfBlock = first.AsOfBlock });
        var secondAtHead = History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 3, Page = 2 });
        var beyond = History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 3, Page = 9, AsOfBlock = first.AsOfBlock });

        Assert.Equal(6UL, first.AsOfBlock);
        Assert.Equal(Positions(second), Positions(secondLater));
        Assert.NotEqual(Positions(second), Positions(secondAtHead)); // without the anchor, page 2 moves with the head
        Assert.Empty(beyond.Records);
        var all = All(chain, new AccountHistoryQuery { Account = Sender, AsOfBlock = 6 });
        Assert.Equal(all.Skip(3).Take(3).Select(r => (r.BlockNumber, r.Sequence)), Positions(second));
    }

    [Fact]
    public void Token_counterparty_kind_and_time_filters_select_exactly_what_a_full_scan_would()
    {
        using var chain = new TestChain(records: new SyntheticClassifier(perTransaction: 2));
        Produce(chain, blocks: 12, perBlock: 3);
        var everything = All(chain, new AccountHistoryQuery { Account = Sender });
        var since = GenesisTimestampMs + 4_000; // blocks 4..
        var until = GenesisTimestampMs + 9_000; // ..8
        var kinds = new HashSet<RecordKind> { RecordKind.InvoicePayment };
        var counterparty = DevKeys.Address(5);

        var filters = new (AccountHistoryQuery Query, Func<AccountRecord, bool> Expected)[]
        {
            (new() { Account = Sender, Token = SyntheticClassifier.TokenY }, r => r.Token == SyntheticClassifier.TokenY),
            (new() { Account = Sender, Counterparty = counterparty }, r => r.Counterparty == counterparty),
            (new() { Account = Sender, Kinds = kinds }, r => kinds.Contains(r.Kind)),
            (new() { Account = Sender, SinceMs = since, UntilMs = until }, r => r.TimestampMs >= since && r.TimestampMs < until),
            (new() { Account = Sender, Token = SyntheticClassifier.TokenX, Counterparty = counterparty, Kinds = kinds, SinceMs = since },
                r => r.Token == SyntheticClassifier.TokenX && r.Counterparty == counterparty && kinds.Contains(r.Kind) && r.TimestampMs >= since),
        };

        foreach (var (query, expected) in filters)
        {
            var selected = All(chain, query with { PageSize = 2 });
            Assert.Equal(everything.Where(expected).Select(r => (r.BlockNumber, r.Sequence)), selected.Select(r => (r.BlockNumber, r.Sequence)));
            Assert.NotEmpty(selected);
        }

        Assert.Empty(All(chain, new AccountHistoryQuery { Account = Sender, UntilMs = GenesisTimestampMs }));
        Assert.Empty(All(chain, new AccountHistoryQuery { Account = DevKeys.Address(9) }));
    }

    [Fact]
    public void A_filter_that_matches_little_returns_short_pages_with_a_cursor_instead_of_scanning_without_bound()
    {
        using var chain = new TestChain(records: new SyntheticClassifier(perTransaction: 400));
        Produce(chain, blocks: 70, perBlock: 2, selector: 0); // 56,000 records newer than the one opening balance
        var query = new AccountHistoryQuery { Account = Sender, Kinds = new HashSet<RecordKind> { RecordKind.OpeningBalance } };

        var first = History(chain, query);
        var second = History(chain, query with { Cursor = first.NextCursor });

        Assert.Empty(first.Records);
        Assert.NotNull(first.NextCursor); // the budget ran out: continue from where it stopped
        Assert.Equal(RecordKind.OpeningBalance, Assert.Single(second.Records).Kind);
        Assert.Null(second.NextCursor);
        var deep = Assert.Throws<ArgumentException>(() => History(chain, query with { Page = 2 }));
        Assert.Contains("page with the cursor", deep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_of_a_block_after_the_head_are_never_shown()
    {
        using var chain = new TestChain(records: new SyntheticClassifier());
        Produce(chain, blocks: 2, perBlock: 1);
        var early = History(chain, new AccountHistoryQuery { Account = Sender }).Records[0] with { BlockNumber = 3, Sequence = 0 };
        using (var batch = chain.Store.CreateBatch())
        {
            // As the rows of block 3 are, for a moment, before the head moves to it.
            AccountIndex.Put(batch, early);
            chain.Store.Write(batch, sync: false);
        }

        var page = History(chain, new AccountHistoryQuery { Account = Sender });
        var asOfLater = History(chain, new AccountHistoryQuery { Account = Sender, AsOfBlock = 50 });

        Assert.All(page.Records, r => Assert.True(r.BlockNumber <= 2));
        Assert.All(asOfLater.Records, r => Assert.True(r.BlockNumber <= 2));
        Assert.Equal(2UL, asOfLater.AsOfBlock);
    }

    [Fact]
    public void Bad_queries_are_refused_with_the_reason()
    {
        using var chain = new TestChain(records: new SyntheticClassifier());
        var cursor = new HistoryCursor(1, 0);

        Assert.Contains("page size 0", Assert.Throws<ArgumentException>(() => History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("page size 501", Assert.Throws<ArgumentException>(() => History(chain, new AccountHistoryQuery { Account = Sender, PageSize = 501 })).Message, StringComparison.Ordinal);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => History(chain, new AccountHistoryQuery { Account = Sender, Page = 2, Cursor = cursor })).Message, StringComparison.Ordinal);
        Assert.Contains("window is empty", Assert.Throws<ArgumentException>(() => History(chain, new AccountHistoryQuery { Account = Sender, SinceMs = 5, UntilMs = 5 })).Message, StringComparison.Ordinal);
        using var plain = new TestChain();
        Assert.Throws<InvalidOperationException>(() => plain.Chain.GetAccountHistory(new AccountHistoryQuery { Account = Sender }));
    }

    [Fact]
    public void A_data_dir_without_the_index_gets_it_built_on_start_with_the_same_records()
    {
        using var store = new MemoryKeyValueStore();
        using (var plain = new TestChain(store))
        {
            Produce(plain, blocks: 9, perBlock: 3);
        }

        using var reference = new TestChain(records: new SyntheticClassifier());
        Produce(reference, blocks: 9, perBlock: 3);
        var progress = new List<AccountIndexProgress>();
        using var reopened = new TestChain(store, records: new SyntheticClassifier(), onIndexBuild: progress.Add);

        foreach (var account in Enumerable.Range(0, 4).Select(DevKeys.Address))
        {
            Assert.Equal(Positions(All(reference, new AccountHistoryQuery { Account = account })), Positions(All(reopened, new AccountHistoryQuery { Account = account })));
        }

        Assert.True(progress[^1].Done);
        Assert.Equal(9UL, progress[^1].Head);
        Assert.Equal(4 + 27, progress[^1].Records);
        // Built once: the next start finds it complete.
        progress.Clear();
        using var again = new TestChain(store, records: new SyntheticClassifier(), onIndexBuild: progress.Add);
        Assert.Empty(progress);
    }

    [Fact]
    public void An_interrupted_build_resumes_and_a_store_without_the_index_makes_the_next_start_rebuild()
    {
        var inner = new MemoryKeyValueStore();
        using (var plain = new TestChain(inner))
        {
            Produce(plain, blocks: 5, perBlock: 1);
        }

        // First start: the build fails on its second batch (a full disk), leaving the first batch and its marker.
        // 12,000 records per block and 20,000 per rebuild batch: the batches are blocks 0–2, 3–4 and the marker.
        var failing = new CountingStore(inner) { FailAfterWrites = 1 };
        Assert.ThrowsAny<Exception>(() => new TestChain(failing, records: new SyntheticClassifier(perTransaction: 12_000)));

        var resumed = new List<AccountIndexProgress>();
        using (var chain = new TestChain(new CountingStore(inner), records: new SyntheticClassifier(perTransaction: 12_000), onIndexBuild: resumed.Add))
        {
            Assert.Equal(5UL, resumed[0].NextBlock); // went on from block 3, where the first batch's marker pointed
            Assert.Equal(1 + (5 * 12_000), All(chain, new AccountHistoryQuery { Account = Sender, PageSize = 500 }).Count);
        }

        // A node without the index commits a block: the stored index is no longer complete, so the next start rebuilds.
        using (var plain = new TestChain(inner))
        {
            plain.Produce(plain.Tx(1, CounterA, [CounterModule.Increment, 0], nonce: 5));
        }

        var rebuilt = new List<AccountIndexProgress>();
        using var last = new TestChain(inner, records: new SyntheticClassifier(), onIndexBuild: rebuilt.Add);
        Assert.True(rebuilt[^1].Done);
        Assert.Equal(6 + 1, All(last, new AccountHistoryQuery { Account = Sender }).Count);
    }

    private static Core.Transactions.SignedTransaction Tx(TestChain chain, byte selector) => chain.Tx(1, CounterA, [CounterModule.Increment, selector]);

    private static void Produce(TestChain chain, int blocks, int perBlock, byte? selector = null)
    {
        for (var b = 0; b < blocks; b++)
        {
            chain.Produce([.. Enumerable.Range(0, perBlock).Select(i => Tx(chain, selector ?? (byte)((b * perBlock) + i)))]);
        }
    }

    private static AccountHistoryPage History(TestChain chain, AccountHistoryQuery query) => chain.Chain.GetAccountHistory(query);

    private static List<AccountRecord> All(TestChain chain, AccountHistoryQuery query)
    {
        var all = new List<AccountRecord>();
        HistoryCursor? cursor = null;
        do
        {
            var page = History(chain, query with { Cursor = cursor });
            all.AddRange(page.Records);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private static IEnumerable<(ulong, int)> Positions(AccountHistoryPage page) => page.Records.Select(r => (r.BlockNumber, r.Sequence));

    private static IEnumerable<(ulong, int)> Positions(IEnumerable<AccountRecord> records) => records.Select(r => (r.BlockNumber, r.Sequence));
}
