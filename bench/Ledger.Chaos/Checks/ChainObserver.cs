using System.Diagnostics;
using System.Text.Json;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Checks;

/// <summary>
/// Polls one node's head and reads every block it has not read yet (hashes only) into the shared <see cref="ChainRecord"/>.
/// A node that does not answer (stopped, paused, partitioned from nothing but slow) is simply polled again; after its data
/// is wiped, <see cref="Wiped"/> makes the next reading start from block 1 without counting the lower head as a loss.
/// </summary>
public sealed class ChainObserver(int node, Uri rpcUrl, ChainRecord record, Stopwatch clock)
{
    private const int BlocksPerBatch = 25;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly JsonRpcClient _rpc = new(rpcUrl, maxConnections: 1, timeout: TimeSpan.FromSeconds(5));
    private ulong _next = 1;
    private int _wiped;

    /// <summary>The node's data directory was deleted: its chain restarts from genesis.</summary>
    public void Wiped() => Volatile.Write(ref _wiped, 1);

    public async Task RunAsync(CancellationToken stop)
    {
        using (_rpc)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await PollOnceAsync(stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonRpcException or FormatException or JsonException)
                {
                    // Down, paused or busy: try again next round.
                }

                try
                {
                    await Task.Delay(PollInterval, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: the head, then the blocks up to it (at most a few batches, so a long catch-up stays responsive).</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var head = await _rpc.BlockNumberAsync(cancellationToken);
        var wiped = Interlocked.Exchange(ref _wiped, 0) != 0;
        if (wiped)
        {
            _next = 1;
        }

        record.ObserveHead(node, head, clock.Elapsed, wiped);
        for (var round = 0; round < 8 && _next <= head; round++)
        {
            var last = Math.Min(head, _next + BlocksPerBatch - 1);
            var calls = new List<JsonRpcCall>();
            for (var n = _next; n <= last; n++)
            {
                calls.Add(new JsonRpcCall("eth_getBlockByNumber", Ledger.Core.Primitives.Hex.EncodeQuantity(n), false));
            }

            var answers = await _rpc.BatchAsync(calls, cancellationToken);
            var at = clock.Elapsed;
            foreach (var answer in answers)
            {
                if (answer.Error is not null || answer.Result.ValueKind != JsonValueKind.Object)
                {
                    return; // read again next round from the same block
                }

                var block = Summarize(answer.Result);
                if (block.Number != _next)
                {
                    return;
                }

                record.ObserveBlock(node, block, at);
                _next++;
            }
        }
    }

    public static BlockSummary Summarize(JsonElement block) => new(
        block.GetQuantity("number"),
        block.GetText("hash"),
        block.GetText("parentHash"),
        block.GetText("stateRoot"),
        [.. block.GetProperty("transactions").EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant())]);
}
