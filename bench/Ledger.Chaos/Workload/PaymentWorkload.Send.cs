using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Workload;

public sealed partial class PaymentWorkload
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Hands <paramref name="record"/> to some node: a random first choice, then the others in turn, then a pause and again,
    /// until one acknowledges it, answers "nonce too low" (its nonce committed), or the workload is disposed.
    /// </summary>
    private async Task SendAsync(AccountLane lane, PaymentRecord record, bool clearsSending)
    {
        try
        {
            var stop = _stopSending.Token;
            var payment = record.Payment;
            int first;
            lock (lane.Sync)
            {
                first = lane.Random.Next(_nodes.Length);
            }

            while (!stop.IsCancellationRequested)
            {
                for (var k = 0; k < _nodes.Length && !stop.IsCancellationRequested; k++)
                {
                    var node = (first + k) % _nodes.Length;
                    var outcome = await TrySendAsync(node, payment, stop);
                    lock (record.Sync)
                    {
                        record.Attempts++;
                        record.FirstSentAt ??= _clock.Elapsed;
                        if (outcome == SendOutcome.Acknowledged)
                        {
                            record.Acks.Add((node, _clock.Elapsed));
                        }
                        else if (outcome == SendOutcome.NonceUsed)
                        {
                            record.NonceUsed = true;
                        }
                    }

                    if (outcome is SendOutcome.Acknowledged or SendOutcome.NonceUsed)
                    {
                        return;
                    }
                }

                try
                {
                    await Task.Delay(RetryPause, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            if (clearsSending)
            {
                lock (lane.Sync)
                {
                    lane.Sending = false;
                }
            }
        }
    }

    private async Task<SendOutcome> TrySendAsync(int node, Payment payment, CancellationToken stop)
    {
        JsonRpcResponse response;
        try
        {
            response = await _nodes[node].TryCallAsync("eth_sendRawTransaction", [Hex.Encode(payment.Raw)], stop);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            return SendOutcome.Failed;
        }

        if (response.Error is { } error)
        {
            if (error.Message.Contains("already known", StringComparison.OrdinalIgnoreCase))
            {
                return SendOutcome.Acknowledged; // the node holds these very bytes
            }

            if (error.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase))
            {
                return SendOutcome.NonceUsed;
            }

            Interlocked.Increment(ref _refusals);
            return SendOutcome.Refused;
        }

        return response.Result.ValueKind == JsonValueKind.String && string.Equals(response.Result.GetString(), payment.Hash, StringComparison.OrdinalIgnoreCase)
            ? SendOutcome.Acknowledged
            : SendOutcome.Refused;
    }

    private enum SendOutcome
    {
        Acknowledged,
        NonceUsed,
        Refused,
        Failed,
    }
}
