using System.Diagnostics;
using System.Text.Json;
using Ledger.LoadGen.Rpc;

namespace Ledger.LoadGen;

/// <summary>
/// Watches the chain for the planned transfers: polls the head and reads each new block's transaction hashes
/// (eth_getBlockByNumber without full transactions). A transfer's commit time is when the tracker first saw
/// the block holding it, so latencies include up to one poll interval of observation delay.
/// </summary>
public sealed class CommitTracker
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly JsonRpcClient _rpc;
    private readonly Dictionary<string, int> _indexByHash;
    private readonly TransferPlan _plan;
    private ulong _nextBlock;
    private int _committed;

    public CommitTracker(JsonRpcClient rpc, TransferPlan plan, ulong firstBlock)
    {
        _rpc = rpc;
        _plan = plan;
        _nextBlock = firstBlock;
        CommittedAt = new long[plan.Count];
        CommittedBySender = new int[plan.Accounts];
        _indexByHash = new Dictionary<string, int>(plan.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < plan.Hashes.Length; i++)
        {
            _indexByHash[plan.Hashes[i]] = i;
        }
    }

    /// <summary>Stopwatch timestamp at which each transfer was seen committed (0 = not seen).</summary>
    public long[] CommittedAt { get; }

    public int Committed => Volatile.Read(ref _committed);

    /// <summary>Transfers of each account seen committed: its committed nonce, since an account's transfers commit in order.</summary>
    public int[] CommittedBySender { get; }

    public int BlocksSeen { get; private set; }

    public long LastProgressAt { get; private set; } = Stopwatch.GetTimestamp();

    /// <summary>Polls until <paramref name="stop"/> is cancelled (the run decides when it has seen enough).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stop);
                await Task.Delay(PollInterval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // A busy node may drop a poll; the next one catches up from the same block.
                await Task.Delay(PollInterval * 5, CancellationToken.None);
            }
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var head = await _rpc.BlockNumberAsync(cancellationToken);
        while (_nextBlock <= head)
        {
            var block = await _rpc.GetBlockAsync(_nextBlock, cancellationToken)
                ?? throw new InvalidOperationException($"eth_blockNumber reported {head} but block {_nextBlock} is missing");
            var seenAt = Stopwatch.GetTimestamp();
            var found = 0;
            foreach (var hash in block.GetProperty("transactions").EnumerateArray())
            {
                var text = hash.ValueKind == JsonValueKind.String ? hash.GetString() : null;
                if (text is not null && _indexByHash.TryGetValue(text, out var index) && CommittedAt[index] == 0)
                {
                    CommittedAt[index] = seenAt;
                    Interlocked.Increment(ref CommittedBySender[_plan.SenderOf[index]]);
                    found++;
                }
            }

            if (found > 0)
            {
                Interlocked.Add(ref _committed, found);
                LastProgressAt = seenAt;
            }

            BlocksSeen++;
            _nextBlock++;
        }
    }
}
