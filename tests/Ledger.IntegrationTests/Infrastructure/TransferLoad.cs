using System.Collections.Concurrent;
using Ledger.Core.Crypto;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>
/// Steady token transfers into a cluster while operators work on it: dev accounts 4–7 send in turn, each transaction to
/// the next node that is marked up, one every <c>pauseMs</c>, at most <c>maxTransactions</c> and until stopped. A send that
/// fails (its node just went down) is retried on another node, so every transaction signed is one the cluster accepted.
/// </summary>
internal sealed class TransferLoad : IAsyncDisposable
{
    private const int FirstSender = 4;
    private const int Senders = 4;
    private readonly Func<int, Uri> _rpcOf;
    private readonly bool[] _up;
    private readonly ulong[] _nonces = new ulong[Senders];
    private readonly ConcurrentQueue<string> _accepted = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public TransferLoad(int nodes, Func<int, Uri> rpcOf, int maxTransactions = 3_000, int pauseMs = 20)
    {
        _rpcOf = rpcOf;
        _up = [.. Enumerable.Repeat(true, nodes)];
        _run = Task.Run(() => RunAsync(maxTransactions, pauseMs));
    }

    /// <summary>Hashes of every transaction a node accepted.</summary>
    public IReadOnlyCollection<string> Accepted => _accepted;

    /// <summary>Transactions each sender (dev accounts 4–7) had accepted, by account.</summary>
    public IReadOnlyDictionary<int, ulong> NoncesUsed
    {
        get
        {
            lock (_nonces)
            {
                return Enumerable.Range(0, Senders).ToDictionary(i => FirstSender + i, i => _nonces[i]);
            }
        }
    }

    /// <summary>No new transaction goes to <paramref name="node"/> until <see cref="MarkUp"/> (a send already under way may still land there).</summary>
    public void MarkDown(int node)
    {
        lock (_up)
        {
            _up[node] = false;
        }
    }

    public void MarkUp(int node)
    {
        lock (_up)
        {
            _up[node] = true;
        }
    }

    /// <summary>Stops sending and waits for the sender loop; rethrows what made it fail.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (Exception)
        {
            // reported by StopAsync when a test asked for it
        }

        _stop.Dispose();
    }

    private async Task RunAsync(int maxTransactions, int pauseMs)
    {
        var clients = new Dictionary<Uri, JsonRpcClient>();
        var next = 0;
        try
        {
            for (var k = 0; k < maxTransactions && !_stop.IsCancellationRequested; k++)
            {
                var sender = k % Senders;
                ulong nonce;
                lock (_nonces)
                {
                    nonce = _nonces[sender];
                }

                var tx = DevTransactions.Transfer(FirstSender + sender, nonce, DevKeys.Address(FirstSender + ((sender + 1) % Senders)), 1);
                for (var attempt = 0; ; attempt++)
                {
                    var node = NextUp(ref next);
                    var url = _rpcOf(node);
                    if (!clients.TryGetValue(url, out var client))
                    {
                        clients[url] = client = new JsonRpcClient(url, timeout: TimeSpan.FromSeconds(10));
                    }

                    try
                    {
                        // Not cancelled by the stop: a send cut off mid-way may still land, and then its nonce must be counted.
                        var answer = await client.TryCallAsync("eth_sendRawTransaction", [Core.Primitives.Hex.Encode(tx.Raw)], CancellationToken.None);
                        // A retry may find the first send accepted (and even committed) after all.
                        if (answer.Error is not { } error || error.Message.Contains("already known", StringComparison.OrdinalIgnoreCase)
                            || (attempt > 0 && error.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)))
                        {
                            break;
                        }

                        // A node still catching up (just restarted or restored) has not seen the earlier nonces yet.
                        if (!error.Message.Contains("nonce too high", StringComparison.OrdinalIgnoreCase) || attempt >= 20)
                        {
                            throw new InvalidOperationException($"node {node} refused transfer {tx.Hash}: {error.Message}");
                        }

                        await Task.Delay(100, CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && attempt < 20)
                    {
                        await Task.Delay(100, CancellationToken.None); // the node went down under us: try the next one
                    }
                }

                _accepted.Enqueue(tx.Hash.ToString());
                lock (_nonces)
                {
                    _nonces[sender] = nonce + 1;
                }

                await Task.Delay(pauseMs, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopped
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private int NextUp(ref int next)
    {
        lock (_up)
        {
            for (var i = 0; i < _up.Length; i++)
            {
                var node = next++ % _up.Length;
                if (_up[node])
                {
                    return node;
                }
            }
        }

        throw new InvalidOperationException("no node is marked up");
    }
}
