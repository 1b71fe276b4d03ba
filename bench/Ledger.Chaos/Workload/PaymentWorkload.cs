using System.Collections.Concurrent;
using System.Diagnostics;
using Ledger.Chaos.Checks;
using Ledger.LoadGen;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Workload;

/// <summary>
/// The client side of the campaign: pays at a steady rate from many accounts through all nodes, records every
/// acknowledgement, and behaves like a careful real client — a refused or failed send goes to another node, and an
/// account whose payment stops moving asks every node for its status: "dropped" gets the nonce signed again, "unknown"
/// everywhere gets the same bytes resent (always safe: a nonce commits at most once). Commits come from the
/// <see cref="ChainRecord"/>, never from the node that acknowledged.
/// </summary>
public sealed partial class PaymentWorkload : IDisposable
{
    private readonly IReadOnlyList<LoadAccount> _accounts;
    private readonly PaymentFactory _factory;
    private readonly WorkloadOptions _options;
    private readonly CrashLog _crashes;
    private readonly Stopwatch _clock;
    private readonly JsonRpcClient[] _nodes;
    private readonly AccountLane[] _lanes;
    private readonly ConcurrentDictionary<string, PaymentRecord> _byHash = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<Task> _sends = [];
    private readonly Random _random;
    private readonly CancellationTokenSource _stopSending = new();
    private int _refusals;
    private int _failures;

    public PaymentWorkload(
        IReadOnlyList<LoadAccount> accounts,
        IReadOnlyList<ulong> firstNonces,
        PaymentFactory factory,
        IReadOnlyList<Uri> nodes,
        WorkloadOptions options,
        ChainRecord chain,
        CrashLog crashes,
        Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _accounts = accounts;
        _factory = factory;
        _options = options;
        _crashes = crashes;
        _clock = clock;
        _random = new Random(unchecked((int)options.Seed));
        _nodes = [.. nodes.Select(url => new JsonRpcClient(url, maxConnections: 8, timeout: options.RequestTimeout))];
        _lanes = [.. accounts.Select((_, i) => new AccountLane(i, firstNonces[i], options.Seed) { LastProgress = clock.Elapsed })];
        chain.Committed += OnCommitted;
    }

    /// <summary>Every payment signed so far.</summary>
    public IReadOnlyCollection<PaymentRecord> Records => [.. _byHash.Values];

    /// <summary>Sends refused by a node (pool full, not ready) and sends that failed in transport; both were retried elsewhere.</summary>
    public (int Refused, int Failed) SendErrors => (Volatile.Read(ref _refusals), Volatile.Read(ref _failures));

    /// <summary>Payments whose nonce has not committed yet.</summary>
    public int Outstanding => _lanes.Sum(l =>
    {
        lock (l.Sync)
        {
            return l.InFlight.Count;
        }
    });

    /// <summary>Offers payments at the configured rate until <paramref name="stop"/>; sends already started continue.</summary>
    public async Task GenerateAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1.0 / _options.Rate);
        var next = _clock.Elapsed;
        var cursor = 0;
        while (!stop.IsCancellationRequested)
        {
            next += interval;
            var wait = next - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            else if (wait < -TimeSpan.FromSeconds(1))
            {
                next = _clock.Elapsed; // fell behind (a slow machine): do not burst to catch up
            }

            for (var tried = 0; tried < _lanes.Length; tried++)
            {
                var lane = _lanes[cursor];
                cursor = (cursor + 1) % _lanes.Length;
                if (TryStart(lane))
                {
                    break;
                }
            }
        }
    }

    private bool TryStart(AccountLane lane)
    {
        PaymentRecord record;
        lock (lane.Sync)
        {
            if (lane.Sending || lane.InFlight.Count >= _options.Window)
            {
                return false;
            }

            var payment = _factory.Next(lane.Index, lane.NextNonce, _random);
            record = new PaymentRecord(payment);
            _byHash[payment.Hash] = record;
            lane.InFlight[lane.NextNonce] = record;
            lane.NextNonce++;
            lane.Sending = true;
        }

        _sends.Add(SendAsync(lane, record, clearsSending: true));
        return true;
    }

    private void OnCommitted(string hash, ulong height, TimeSpan at)
    {
        if (!_byHash.TryGetValue(hash, out var record))
        {
            return;
        }

        lock (record.Sync)
        {
            record.CommittedAt = at;
            record.Height = height;
        }

        var lane = _lanes[record.Payment.Sender];
        lock (lane.Sync)
        {
            var committed = record.Payment.Nonce + 1;
            if (committed > lane.Committed)
            {
                lane.Committed = committed;
                lane.LastProgress = at;
                foreach (var nonce in lane.InFlight.Keys.Where(n => n < committed).ToList())
                {
                    lane.InFlight.Remove(nonce);
                }
            }
        }
    }

    public void Dispose()
    {
        _stopSending.Cancel();
        try
        {
            Task.WaitAll([.. _sends], TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // cancelled sends
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _stopSending.Dispose();
    }
}
