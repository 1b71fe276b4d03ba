using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ledger.LoadGen.Rpc;

namespace Ledger.LoadGen;

/// <summary>
/// Sends the planned batches over a few concurrent connections, either as fast as the node answers (rate 0) or
/// on a fixed schedule: batch b leaves at start + b·batch/rate. Records when each batch left and which
/// transfers the node accepted; a refused transfer counts as an error and is not waited for. With several nodes,
/// batch b goes to node b mod n, so every node's pool and gossip carry a share (a sender's later nonces may reach
/// the proposer through another node first: the pool queues them until the gap closes).
/// </summary>
public sealed class Submitter(IReadOnlyList<JsonRpcClient> nodes, TransferPlan plan, int rate, int connections, CommitTracker? flowControl = null, int maxAhead = 0)
{
    private const int MaxErrorSamples = 10;
    private readonly ConcurrentDictionary<string, int> _errorSamples = new();
    private int _nextBatch = -1;
    private int _errors;

    /// <summary>Stopwatch timestamp at which each batch was sent (0 = not sent).</summary>
    public long[] SentAt { get; } = new long[plan.Bodies.Length];

    /// <summary>True for each transfer the node admitted with the hash we computed.</summary>
    public bool[] Accepted { get; } = new bool[plan.Count];

    public int Errors => Volatile.Read(ref _errors);

    public IReadOnlyDictionary<string, int> ErrorSamples => _errorSamples;

    public long StartedAt { get; private set; }

    public long FinishedAt { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        StartedAt = Stopwatch.GetTimestamp();
        var workers = new Task[connections];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(cancellationToken), cancellationToken);
        }

        await Task.WhenAll(workers);
        FinishedAt = Stopwatch.GetTimestamp();
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = Interlocked.Increment(ref _nextBatch);
            if (batch >= plan.Bodies.Length)
            {
                return;
            }

            if (rate > 0)
            {
                var due = StartedAt + (long)((double)plan.BatchStart(batch) / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }

            if (flowControl is not null)
            {
                await WaitUntilInsideWindowAsync(batch, cancellationToken);
            }

            SentAt[batch] = Stopwatch.GetTimestamp();
            await SendAsync(batch, cancellationToken);
        }
    }

    /// <summary>Processor shape: a batch leaves once its last nonce is at most maxAhead beyond its account's committed nonce.</summary>
    private async Task WaitUntilInsideWindowAsync(int batch, CancellationToken cancellationToken)
    {
        // A batch may straddle two accounts: the end of one account's run and the start of the next.
        var first = plan.BatchStart(batch);
        var last = first + plan.BatchLength(batch) - 1;
        var firstSender = plan.SenderOf[first];
        var lastInFirstRun = last;
        while (plan.SenderOf[lastInFirstRun] != firstSender)
        {
            lastInFirstRun--;
        }

        while (TooFarAhead(lastInFirstRun) || TooFarAhead(last))
        {
            await Task.Delay(5, cancellationToken);
        }

        bool TooFarAhead(int transfer) =>
            plan.NonceOf[transfer] - Volatile.Read(ref flowControl!.CommittedBySender[plan.SenderOf[transfer]]) >= maxAhead;
    }

    private async Task SendAsync(int batch, CancellationToken cancellationToken)
    {
        var start = plan.BatchStart(batch);
        var length = plan.BatchLength(batch);
        JsonRpcResponse[] answers;
        try
        {
            using var document = await nodes[batch % nodes.Count].PostAsync(plan.Bodies[batch], cancellationToken);
            answers = JsonRpcClient.MatchBatch(document.RootElement, start, length);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            AddErrors(length, $"batch request failed: {ex.Message}");
            return;
        }

        for (var i = 0; i < length; i++)
        {
            var answer = answers[i];
            if (answer.Error is { } error)
            {
                AddErrors(1, $"{error.Code}: {error.Message}");
            }
            else if (answer.Result.ValueKind != JsonValueKind.String || !string.Equals(answer.Result.GetString(), plan.Hashes[start + i], StringComparison.OrdinalIgnoreCase))
            {
                AddErrors(1, $"the node returned hash {answer.Result.GetRawText()}, not the hash of the signed bytes");
            }
            else
            {
                Accepted[start + i] = true;
            }
        }
    }

    private void AddErrors(int count, string message)
    {
        Interlocked.Add(ref _errors, count);
        if (_errorSamples.Count < MaxErrorSamples || _errorSamples.ContainsKey(message))
        {
            _errorSamples.AddOrUpdate(message, count, (_, n) => n + count);
        }
    }
}
