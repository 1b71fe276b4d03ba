using System.Diagnostics;
using System.Threading.Channels;
using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Soak;

/// <summary>
/// The soak: a long steady run of token transfers through four validators at a fixed rate, sampling every node. Transfer
/// j is sent by account j mod A with nonce j div A to the next account, signed just ahead of its send (a million
/// pre-signed transfers would weigh more than the nodes), in batches of 100 spread round-robin over the nodes.
/// </summary>
public sealed partial class SoakRun(SoakOptions options, TextWriter log)
{
    private const int BatchSize = 100;
    private readonly List<SoakSample> _samples = [];
    private long _submitted;
    private long _committed;
    private long _sendErrors;

    public async Task<(SoakSummary Summary, IReadOnlyList<SoakSample> Samples)> RunAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(options.WorkDirectory, $"soak-{DateTime.UtcNow:yyyyMMddHHmmss}");
        await using var cluster = ChaosCluster.Create(root, new ClusterPlan { Proxied = false });
        await cluster.StartAllAsync(cancellationToken);
        log.WriteLine($"soak: four validators up in {cluster.Clock.Elapsed.TotalSeconds:F0} s; data in {root}");
        var ecdsa = Ecdsa.Default;
        var accounts = LoadAccount.CreateFresh(options.Accounts, ecdsa);
        var perAccount = (options.Transactions + options.Accounts - 1) / options.Accounts;
        using (var setup = new JsonRpcClient(cluster.Nodes[0].RpcUrl, timeout: TimeSpan.FromSeconds(60)))
        {
            await new SetupPhase(setup, ecdsa, log).RunAsync(accounts, (UInt256)(ulong)(perAccount + 100), cancellationToken);
        }

        using var counterRpc = new JsonRpcClient(cluster.Nodes[0].RpcUrl, timeout: TimeSpan.FromSeconds(30));
        var firstBlock = await counterRpc.BlockNumberAsync(cancellationToken) + 1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var background = new List<Task>
        {
            CountCommitsAsync(counterRpc, firstBlock, stop.Token),
            SampleAsync(cluster, clock, stop.Token),
            FilterClientAsync(cluster.Nodes[1].RpcUrl, stop.Token),
        };

        await SubmitAsync(cluster, accounts, clock, stop.Token);
        log.WriteLine($"soak: {Interlocked.Read(ref _submitted)} submitted in {clock.Elapsed.TotalMinutes:F1} min; waiting for the last commits");
        await WaitForCommitsAsync(cancellationToken);
        var duration = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds), cancellationToken); // one sample after the last commit
        await stop.CancelAsync();
        await Task.WhenAll(background);

        List<SoakSample> samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var committed = Interlocked.Read(ref _committed);
        var summary = new SoakSummary(
            options.Transactions,
            options.Accounts,
            options.Rate,
            committed,
            Math.Round(duration.TotalMinutes, 1),
            Math.Round(committed / duration.TotalSeconds, 1),
            Interlocked.Read(ref _sendErrors),
            [.. Enumerable.Range(0, cluster.Nodes.Count).Select(n => SoakNodeFigures.From(n, samples, options.WarmupSeconds))]);
        foreach (var exit in cluster.Exits.Where(e => !e.Expected))
        {
            log.WriteLine($"soak: node {exit.Node} exited by itself with code {exit.ExitCode} at {exit.At.TotalSeconds:F0} s");
        }

        return (summary, samples);
    }

    private async Task SubmitAsync(ChaosCluster cluster, IReadOnlyList<LoadAccount> accounts, Stopwatch clock, CancellationToken stop)
    {
        var batches = Channel.CreateBounded<(int Index, byte[] Body, int Count)>(64);
        var clients = cluster.Nodes.Select(n => new JsonRpcClient(n.RpcUrl, maxConnections: 2, timeout: TimeSpan.FromSeconds(30))).ToArray();
        try
        {
            var signing = Task.Run(() => SignAsync(accounts, batches.Writer, stop), stop);
            var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(batches.Reader, clients, clock, stop), stop)).ToList();
            await signing;
            await Task.WhenAll(senders);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task SignAsync(IReadOnlyList<LoadAccount> accounts, ChannelWriter<(int, byte[], int)> writer, CancellationToken stop)
    {
        var ecdsa = Ecdsa.Default;
        var total = options.Transactions;
        for (int start = 0, batch = 0; start < total && !stop.IsCancellationRequested; start += BatchSize, batch++)
        {
            var count = Math.Min(BatchSize, total - start);
            var raw = new string[count];
            Parallel.For(0, count, i =>
            {
                var j = start + i;
                var sender = j % accounts.Count;
                var tx = TransactionSigner.Sign(
                    new UnsignedTransaction
                    {
                        Type = TxType.DynamicFee,
                        ChainId = DevChain.ChainId,
                        Nonce = (ulong)(j / accounts.Count),
                        GasLimit = 100_000,
                        To = DevChain.Usda,
                        Data = Calls.Transfer(accounts[(sender + 1) % accounts.Count].Address, UInt256.One),
                    },
                    accounts[sender].PrivateKey,
                    ecdsa);
                raw[i] = Hex.Encode(tx.Raw);
            });
            await writer.WriteAsync((batch, JsonRpcBodies.SendRawBatch(start, raw), count), stop);
        }

        writer.TryComplete();
    }

    private async Task SendAsync(ChannelReader<(int Index, byte[] Body, int Count)> reader, JsonRpcClient[] clients, Stopwatch clock, CancellationToken stop)
    {
        await foreach (var (index, body, count) in reader.ReadAllAsync(stop))
        {
            var due = TimeSpan.FromSeconds((double)index * BatchSize / options.Rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, stop);
            }

            try
            {
                using var answer = await clients[index % clients.Length].PostAsync(body, stop);
                var errors = answer.RootElement.EnumerateArray().Count(a => a.TryGetProperty("error", out _));
                Interlocked.Add(ref _sendErrors, errors);
                Interlocked.Add(ref _submitted, count - errors);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                Interlocked.Add(ref _sendErrors, count);
            }

            if (index % 500 == 0)
            {
                log.WriteLine($"soak: {clock.Elapsed.TotalMinutes,5:F1} min  submitted {Interlocked.Read(ref _submitted)}  committed {Interlocked.Read(ref _committed)}  errors {Interlocked.Read(ref _sendErrors)}");
            }
        }
    }

    private async Task WaitForCommitsAsync(CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _committed);
        var lastProgress = Stopwatch.StartNew();
        while (Interlocked.Read(ref _committed) < Interlocked.Read(ref _submitted) && lastProgress.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(1_000, cancellationToken);
            var now = Interlocked.Read(ref _committed);
            if (now != last)
            {
                last = now;
                lastProgress.Restart();
            }
        }
    }
}
