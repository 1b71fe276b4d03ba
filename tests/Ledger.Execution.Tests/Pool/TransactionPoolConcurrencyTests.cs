using System.Collections.Concurrent;
using System.Diagnostics;
using Ledger.Core.Transactions;
using Ledger.Execution.Pool;

namespace Ledger.Execution.Tests.Pool;

/// <summary>
/// The payment-processor shape under concurrency: a few senders, each sending thousands of transactions in nonce
/// order over several threads (connections), never more than a window ahead of what is committed, while blocks
/// commit continuously. Nothing may be refused, everything must commit, and the pending nonce must never go back.
/// </summary>
public sealed class TransactionPoolConcurrencyTests
{
    private const int Senders = 6;
    private const int PerSender = 2_000;
    private const int Connections = 4;
    private const int InFlight = 200;

    [Fact]
    public async Task In_order_senders_over_several_connections_are_never_refused_while_blocks_commit()
    {
        var fixture = new PoolFixture(o => o with { FutureWindow = InFlight + Connections, PerSenderCapacity = 1_024 }) { YieldAfterStateRead = true };
        var raws = Enumerable.Range(0, Senders)
            .Select(key => Enumerable.Range(0, PerSender).Select(n => PoolFixture.Sign(key, (ulong)n)).ToArray())
            .ToArray();
        var nextToSend = new int[Senders];
        var refusals = new ConcurrentQueue<string>();
        var pendingNonceRegressions = new ConcurrentQueue<string>();
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(90);
        var done = 0;

        // Senders 0…4 are spread over the connections (any interleaving); sender 5 has a connection of its own, so
        // the watcher knows exactly how many of its nonces were admitted before each PendingNonce call.
        const int Solo = Senders - 1;
        var soloAdmitted = 0;
        var solo = Task.Run(() =>
        {
            for (var nonce = 0; nonce < PerSender && Volatile.Read(ref done) == 0 && deadline.Elapsed < limit;)
            {
                if (nonce - (int)fixture.StateNonce(PoolFixture.Account(Solo)) >= InFlight)
                {
                    Thread.Yield();
                    continue;
                }

                var result = fixture.Pool.Admit(raws[Solo][nonce]);
                if (!result.IsAccepted)
                {
                    refusals.Enqueue($"sender {Solo} nonce {nonce}: {result.Message}");
                }

                Volatile.Write(ref soloAdmitted, ++nonce);
            }
        });

        var admitters = Enumerable.Range(0, Connections).Select(c => Task.Run(() =>
        {
            var sender = c % Solo;
            while (Volatile.Read(ref done) == 0 && deadline.Elapsed < limit)
            {
                sender = (sender + 1) % Solo;
                var committed = (int)fixture.StateNonce(PoolFixture.Account(sender));
                var nonce = Volatile.Read(ref nextToSend[sender]);
                if (nonce >= PerSender || nonce - committed >= InFlight
                    || Interlocked.CompareExchange(ref nextToSend[sender], nonce + 1, nonce) != nonce)
                {
                    continue; // this sender is done, at its in-flight limit, or another connection took the nonce
                }

                var result = fixture.Pool.Admit(raws[sender][nonce]);
                if (!result.IsAccepted)
                {
                    refusals.Enqueue($"sender {sender} nonce {nonce}: {result.Message}");
                }
            }
        })).ToArray();

        var watcher = Task.Run(() =>
        {
            var account = PoolFixture.Account(Solo);
            while (Volatile.Read(ref done) == 0 && deadline.Elapsed < limit)
            {
                var admittedBefore = (ulong)Volatile.Read(ref soloAdmitted);
                var pending = fixture.Pool.PendingNonce(account);
                if (pending < admittedBefore)
                {
                    pendingNonceRegressions.Enqueue($"pending nonce {pending}, but nonces below {admittedBefore} were already admitted");
                }
            }
        });

        var committedCount = 0;
        while (committedCount < Senders * PerSender && refusals.IsEmpty && deadline.Elapsed < limit)
        {
            var block = fixture.Pool.TakeReady(300, fixture.StateNonce);
            fixture.Commit(block);
            committedCount += block.Count;
            if (block.Count == 0)
            {
                Thread.Yield();
            }
        }

        Volatile.Write(ref done, 1);
        await Task.WhenAll([.. admitters, solo, watcher]);

        Assert.Empty(refusals);
        Assert.Empty(pendingNonceRegressions);
        Assert.Equal(Senders * PerSender, committedCount);
        Assert.Equal(0, fixture.Pool.Count);
    }
}
