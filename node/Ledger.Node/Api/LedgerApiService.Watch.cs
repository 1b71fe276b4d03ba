using Grpc.Core;
using Ledger.Api.V1;

namespace Ledger.Node.Api;

public sealed partial class LedgerApiService
{
    /// <summary>
    /// Re-checks at most this often even without a new block: a transaction the pool drops (replaced, evicted)
    /// never lands, and the watcher must notice that rather than wait forever.
    /// </summary>
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    public override Task<TransactionStatus> GetTransaction(GetTransactionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        var hash = ApiMapper.ParseHash(request.TransactionHash, "transaction_hash");
        if (backend.FindTransaction(hash) is { } location)
        {
            return Task.FromResult(new TransactionStatus { TransactionHash = hash.ToString(), Stage = TransactionStage.Final, Receipt = ApiMapper.ToMessage(location) });
        }

        return backend.FindPendingTransaction(hash) is not null
            ? Task.FromResult(new TransactionStatus { TransactionHash = hash.ToString(), Stage = TransactionStage.Pending })
            : throw ApiErrors.NotFound($"transaction {hash} is neither in a block nor waiting in the pool");
    }

    public override async Task WatchTransaction(WatchTransactionRequest request, IServerStreamWriter<TransactionStatus> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var api = Context(context);
        var hash = ApiMapper.ParseHash(request.TransactionHash, "transaction_hash");
        var cancel = context.CancellationToken;
        var sentPending = false;
        while (true)
        {
            // Read the head before looking, so a commit between the look and the wait still wakes us.
            var head = api.Backend.HeadNumber;
            if (api.Backend.FindTransaction(hash) is { } location)
            {
                await responseStream.WriteAsync(
                    new TransactionStatus { TransactionHash = hash.ToString(), Stage = TransactionStage.Final, Receipt = ApiMapper.ToMessage(location) },
                    cancel).ConfigureAwait(false);
                return;
            }

            if (api.Backend.FindPendingTransaction(hash) is null)
            {
                throw ApiErrors.NotFound($"transaction {hash} is neither in a block nor waiting in the pool (never submitted, or dropped)");
            }

            if (!sentPending)
            {
                await responseStream.WriteAsync(new TransactionStatus { TransactionHash = hash.ToString(), Stage = TransactionStage.Pending }, cancel).ConfigureAwait(false);
                sentPending = true;
            }

            try
            {
                await api.WaitForBlock(head + 1, cancel).WaitAsync(RecheckInterval, cancel).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look again: see RecheckInterval.
            }
        }
    }
}
