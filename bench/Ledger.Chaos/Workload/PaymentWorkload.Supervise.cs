using System.Text.Json;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Workload;

public sealed partial class PaymentWorkload
{
    /// <summary>
    /// Once a second until <paramref name="stop"/>: every account whose lowest uncommitted payment was acknowledged, has
    /// not committed for <see cref="WorkloadOptions.StallAfter"/>, and made no progress meanwhile, is investigated.
    /// </summary>
    public async Task SuperviseAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var checks = new List<Task>();
            foreach (var lane in _lanes)
            {
                PaymentRecord? lowest = null;
                lock (lane.Sync)
                {
                    if (lane.InFlight.Count > 0 && _clock.Elapsed - lane.LastProgress >= _options.StallAfter)
                    {
                        lowest = lane.InFlight.First().Value;
                    }
                }

                if (lowest is not null && lowest.FirstAckAt is { } acked && _clock.Elapsed - acked >= _options.StallAfter)
                {
                    checks.Add(InvestigateAsync(lane, lowest, stop));
                }
            }

            await Task.WhenAll(checks);
        }
    }

    /// <summary>Waits until every payment signed so far committed (or its nonce did), or <paramref name="limit"/> passes.</summary>
    public async Task<bool> DrainAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = _clock.Elapsed + limit;
        while (_clock.Elapsed < deadline)
        {
            if (Outstanding == 0)
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return Outstanding == 0;
    }

    /// <summary>Asks every node for the payment's status and does what a careful client would.</summary>
    private async Task InvestigateAsync(AccountLane lane, PaymentRecord record, CancellationToken stop)
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, _nodes.Length).Select(n => StatusAsync(n, record.Payment.Hash, stop)));
        if (statuses.Any(s => s?.Status is "committed" or "pending" or "queued"))
        {
            // It is moving (or the observer has not read the block yet): look again later.
            Touch(lane);
            return;
        }

        if (statuses.FirstOrDefault(s => s?.Status == "dropped") is { } dropped)
        {
            lock (record.Sync)
            {
                record.DroppedReason ??= dropped.Reason;
            }

            Replace(lane, record);
            return;
        }

        var answered = statuses.Select((s, node) => (s, node)).Where(p => p.s is not null).Select(p => p.node).ToList();
        if (answered.Count == 0)
        {
            Touch(lane);
            return; // nobody answers: nothing to learn now
        }

        lock (record.Sync)
        {
            record.Resends++;
            foreach (var (node, at) in record.Acks)
            {
                if (_crashes.CrashedSince(node, at))
                {
                    record.ResentAfterCrash = true;
                }
                else if (answered.Contains(node))
                {
                    record.Forgotten ??= $"node {node} acknowledged it at {at.TotalSeconds:F1} s, did not crash since, and answered 'unknown' at {_clock.Elapsed.TotalSeconds:F1} s";
                }
            }
        }

        Touch(lane);
        _sends.Add(SendAsync(lane, record, clearsSending: false));
    }

    /// <summary>A node reported the payment dropped: sign a new payment for the same nonce so the account can go on.</summary>
    private void Replace(AccountLane lane, PaymentRecord dropped)
    {
        PaymentRecord replacement;
        lock (lane.Sync)
        {
            var nonce = dropped.Payment.Nonce;
            if (nonce < lane.Committed || !lane.InFlight.TryGetValue(nonce, out var current) || current != dropped)
            {
                return;
            }

            var payment = _factory.Next(lane.Index, nonce, lane.Random, replaces: dropped.Payment.Id);
            replacement = new PaymentRecord(payment);
            _byHash[payment.Hash] = replacement;
            lane.InFlight[nonce] = replacement;
            lane.LastProgress = _clock.Elapsed;
        }

        _sends.Add(SendAsync(lane, replacement, clearsSending: false));
    }

    private void Touch(AccountLane lane)
    {
        lock (lane.Sync)
        {
            lane.LastProgress = _clock.Elapsed;
        }
    }

    private async Task<(string Status, string? Reason)?> StatusAsync(int node, string hash, CancellationToken stop)
    {
        try
        {
            var result = await _nodes[node].CallAsync("ledger_getTransactionStatus", [hash], stop);
            var status = result.GetProperty("status").GetString() ?? "";
            var reason = result.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var detail = result.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return (status, reason is null ? null : $"{reason}: {detail}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonRpcException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
