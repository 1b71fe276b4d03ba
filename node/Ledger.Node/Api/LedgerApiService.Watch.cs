using Grpc.Core;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.JsonRpc;

namespace Ledger.Node.Api;

public sealed partial class LedgerApiService
{
    /// <summary>
    /// Re-checks at most this often even without a new block: a transaction the pool drops (replaced, evicted,
    /// expired) never lands, and the watcher must notice that rather than wait forever.
    /// </summary>
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    public override Task<TransactionStatus> GetTransaction(GetTransactionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        var hash = ApiMapper.ParseHash(request.TransactionHash, "transaction_hash");
        return Task.FromResult(ToMessage(hash, backend.GetTransactionStatus(hash)));
    }

    public override async Task WatchTransaction(WatchTransactionRequest request, IServerStreamWriter<TransactionStatus> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var api = Context(context);
        var hash = ApiMapper.ParseHash(request.TransactionHash, "transaction_hash");
        var cancel = context.CancellationToken;
        TransactionStatus? sent = null;
        while (true)
        {
            // Read the head before looking, so a commit between the look and the wait still wakes us.
            var head = api.Backend.HeadNumber;
            var status = ToMessage(hash, api.Backend.GetTransactionStatus(hash));
            if (!status.Equals(sent))
            {
                await responseStream.WriteAsync(status, cancel).ConfigureAwait(false);
                sent = status;
            }

            if (status.Stage is TransactionStage.Final or TransactionStage.Dropped)
            {
                return;
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

    /// <summary>The gRPC form of a status; unknown is the NOT_FOUND error (this node never saw it, or lost it in a crash).</summary>
    private static TransactionStatus ToMessage(Hash32 hash, TransactionStatusInfo status)
    {
        var message = new TransactionStatus { TransactionHash = hash.ToString() };
        switch (status.Kind)
        {
            case TransactionStatusKind.Committed:
                message.Stage = TransactionStage.Final;
                message.Receipt = ApiMapper.ToMessage(status.Location!);
                break;
            case TransactionStatusKind.Pending:
                message.Stage = TransactionStage.Pending;
                break;
            case TransactionStatusKind.Queued:
                message.Stage = TransactionStage.Queued;
                message.WaitingForNonce = status.WaitingForNonce ?? 0;
                break;
            case TransactionStatusKind.Dropped:
                message.Stage = TransactionStage.Dropped;
                message.DropReason = status.Reason ?? "";
                message.DropDetail = status.Detail ?? "";
                message.ReplacedBy = status.ReplacedBy?.ToString() ?? "";
                break;
            default:
                throw ApiErrors.NotFound(
                    $"transaction {hash} is unknown to this node: never submitted here, or lost when the node crashed; send it again");
        }

        return message;
    }
}
