using Grpc.Core;
using Ledger.Api.V1;
using Ledger.Core.Primitives;

namespace Ledger.Node.Api;

public sealed partial class LedgerApiService
{
    /// <summary>Call data above this is refused: a view call needs a selector and a few arguments, not megabytes.</summary>
    internal const int MaxCallDataBytes = 128 * 1024;

    /// <summary>
    /// A read-only call against the head state (eth_call). A revert is an answer, not a failure: the wallet reads
    /// views that legitimately revert (an unknown alias, an unregistered identity) and shows their reason.
    /// </summary>
    public override Task<CallResponse> Call(CallRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        if (string.IsNullOrEmpty(request.To))
        {
            throw ApiErrors.InvalidArgument("to is empty: give the address of the module or token to call");
        }

        if (request.Data.Length > MaxCallDataBytes)
        {
            throw ApiErrors.InvalidArgument($"data is {request.Data.Length} bytes; a call takes at most {MaxCallDataBytes}");
        }

        var to = ApiMapper.ParseAddress(request.To, "to");
        Address? from = string.IsNullOrEmpty(request.From) ? null : ApiMapper.ParseAddress(request.From, "from");
        var head = backend.HeadNumber;
        var outcome = backend.Call(new Ledger.JsonRpc.CallRequest(from, to, request.Data.ToByteArray(), null, UInt256.Zero), head);
        if (outcome.Error is { } error)
        {
            // Not a revert but a call the node could not run (out of gas): the caller's request is at fault.
            throw ApiErrors.InvalidArgument(error);
        }

        return Task.FromResult(new CallResponse
        {
            Success = outcome.Success,
            Output = outcome.Success ? ApiMapper.Bytes(outcome.Output) : Google.Protobuf.ByteString.Empty,
            RevertReason = outcome.Success ? string.Empty : outcome.RevertReason ?? "reverted",
            GasUsed = outcome.GasUsed,
            BlockNumber = head,
        });
    }
}
