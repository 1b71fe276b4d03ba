using Ledger.Consensus.Inputs;
using Ledger.Core.Chain;
using Ledger.Network.Sync;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>
    /// Peer consensus messages (already screened by the network) → the bounded work queue of the loop. A message two
    /// heights ahead, or one height ahead while this node has not committed for a while, means the peers finalised blocks
    /// without us: catch up by block sync (messages beyond the screen's window start a sync from the screen).
    /// </summary>
    private async Task PumpMessagesAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var inbound in _network.ConsensusMessages.ReadAllAsync(stop).ConfigureAwait(false))
            {
                var message = inbound.Message;
                ObserveHeight(message.Height); // screened: signed by a validator of the current set
                var height = _machine.Height;
                if (_machine.IsStarted && (message.Height >= height + 2
                    || (message.Height > height && NowMs() - Volatile.Read(ref _lastCommitAtMs) > _qbft.BaseRoundTimeoutMs)))
                {
                    StartBackgroundSync(stop);
                }

                PostMessage(inbound);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Gossiped transactions → the pool (refusals are normal: duplicates, already committed).</summary>
    private async Task PumpTransactionsAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var inbound in _network.Transactions.ReadAllAsync(stop).ConfigureAwait(false))
            {
                var any = false;
                foreach (var raw in inbound.Transactions)
                {
                    any |= _pool.Admit(raw).IsAccepted;
                }

                if (any)
                {
                    Notify();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void StartBackgroundSync(CancellationToken stop)
    {
        if (Interlocked.CompareExchange(ref _syncing, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(
            async () =>
            {
                try
                {
                    await SyncAsync(stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSyncFailed(ex);
                }
                finally
                {
                    Volatile.Write(ref _syncing, 0);
                }
            },
            stop);
    }

    /// <summary>One pass over the peers; each verified block is re-executed and committed on the loop.</summary>
    private async Task SyncAsync(CancellationToken stop)
    {
        var client = new BlockSyncClient(_network.Options, _loggers);
        var head = _chain.Head.Header;
        var result = await client.SyncAsync(
            new BlockSyncRequest
            {
                FromHeight = head.Number + 1,
                ParentHash = head.Hash,
                ValidatorsAt = height => ValidatorsAt(height).Addresses,
                MaxBlockBytes = _chain.Genesis.Consensus.MaxBlockBytes,
                Apply = ApplySyncedAsync,
            },
            stop).ConfigureAwait(false);
        if (result.BlocksApplied > 0)
        {
            LogSynced(result.BlocksApplied, result.NextHeight - 1);
        }
    }

    private ValueTask ApplySyncedAsync(Block block, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                ApplySynced(block);
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        });
        return new ValueTask(done.Task.WaitAsync(cancellationToken));
    }

    /// <summary>On the loop: a certified block from a peer. Already stored (consensus got there first) is fine.</summary>
    private void ApplySynced(Block block)
    {
        var header = block.Header;
        if (header.Number <= _chain.HeadNumber)
        {
            if (_chain.GetHeader(header.Number)?.Hash != header.Hash)
            {
                throw new BlockSyncException($"peer block {header.Number} ({header.Hash}) conflicts with the stored one");
            }

            return;
        }

        // SyncBlockVerifier has already re-recovered every sender.
        var reason = CheckProposal(block, recoverSenders: false, out var result);
        if (reason is not null || result is null)
        {
            throw new BlockSyncException($"block {header.Number} does not re-execute: {reason}");
        }

        StoreBlock(block, result);
        _metrics.RoundChanges.WithLabels("synced").Inc();
        Feed(new Committed(header.Number));
        Feed(new StartHeight(header.Number + 1, header.Hash, ValidatorsAt(header.Number + 1).Addresses));
    }
}
