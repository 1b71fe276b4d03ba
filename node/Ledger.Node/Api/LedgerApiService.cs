using Grpc.Core;
using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace Ledger.Node.Api;

/// <summary>
/// The <c>ledger.v1.LedgerApi</c> gRPC service (api.proto): what the wallet CLI uses. Thin over
/// <see cref="ILedgerBackend"/>, so admission and queries behave exactly as over JSON-RPC.
/// </summary>
public sealed partial class LedgerApiService : LedgerApi.LedgerApiBase
{
    private static readonly byte[] BalanceOfSelector = AbiSelector.BytesOf("balanceOf(address)");

    public override Task<ChainInfo> GetChainInfo(GetChainInfoRequest request, ServerCallContext context)
    {
        var backend = Context(context).Backend;
        var head = backend.GetBlock(backend.HeadNumber);
        return Task.FromResult(new ChainInfo
        {
            ChainId = backend.ChainId,
            HeadNumber = backend.HeadNumber,
            HeadHash = head?.Header.Hash.ToString() ?? string.Empty,
            ClientVersion = backend.ClientVersion,
        });
    }

    public override Task<SubmitTransactionResponse> SubmitTransaction(SubmitTransactionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RawTransaction.IsEmpty)
        {
            throw ApiErrors.InvalidArgument("raw_transaction is empty: send the signed transaction's bytes");
        }

        var result = Context(context).Backend.Submit(request.RawTransaction.Span);
        if (!result.Accepted)
        {
            var message = result.Error ?? "transaction rejected";
            throw result.ErrorCode switch
            {
                JsonRpcErrorCode.InvalidParams => ApiErrors.InvalidArgument(message),
                JsonRpcErrorCode.TransactionRejected => ApiErrors.ResourceExhausted(message),
                _ => ApiErrors.FailedPrecondition(message),
            };
        }

        return Task.FromResult(new SubmitTransactionResponse { TransactionHash = result.Hash.ToString() });
    }

    public override Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        var address = ApiMapper.ParseAddress(request.Address, "address");
        var head = backend.HeadNumber;
        var account = new Account
        {
            Address = address.ToChecksumString(),
            Nonce = backend.GetTransactionCount(address, pending: false),
            PendingNonce = backend.GetTransactionCount(address, pending: true),
            BlockNumber = head,
        };
        var data = new byte[AbiSelector.Length + 32];
        BalanceOfSelector.CopyTo(data, 0);
        AbiWriter.EncodeAddress(address).CopyTo(data, AbiSelector.Length);
        foreach (var token in backend.Tokens)
        {
            var outcome = backend.Call(new Ledger.JsonRpc.CallRequest(null, token.Address, data, null, UInt256.Zero), head);
            if (!outcome.Success || outcome.Output.Length < 32)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"balanceOf on {token.Symbol} failed: {outcome.RevertReason ?? outcome.Error ?? "no output"}"));
            }

            account.Balances.Add(new TokenBalance
            {
                Token = ApiMapper.ToMessage(token),
                Balance = UInt256.FromBigEndian(outcome.Output.AsSpan(0, 32)).ToString(),
            });
        }

        return Task.FromResult(account);
    }

    public override Task<GetTokensResponse> GetTokens(GetTokensRequest request, ServerCallContext context)
    {
        var response = new GetTokensResponse();
        foreach (var token in Context(context).Backend.Tokens)
        {
            response.Tokens.Add(ApiMapper.ToMessage(token));
        }

        return Task.FromResult(response);
    }

    public override Task<GetModulesResponse> GetModules(GetModulesRequest request, ServerCallContext context)
    {
        var response = new GetModulesResponse();
        foreach (var module in Context(context).Backend.Modules)
        {
            response.Modules.Add(new Module { Name = module.Name, Address = module.Address.ToChecksumString(), AbiJson = module.AbiJson });
        }

        return Task.FromResult(response);
    }

    public override Task<BlockInfo> GetBlock(GetBlockRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        var block = request.SelectorCase switch
        {
            GetBlockRequest.SelectorOneofCase.Number => backend.GetBlock(request.Number),
            GetBlockRequest.SelectorOneofCase.Hash => backend.GetBlock(ApiMapper.ParseHash(request.Hash, "hash")),
            _ => backend.GetBlock(backend.HeadNumber),
        };
        return block is null
            ? throw ApiErrors.NotFound(request.SelectorCase == GetBlockRequest.SelectorOneofCase.Hash
                ? $"no block with hash {request.Hash}"
                : $"no block {request.Number} (the head is {backend.HeadNumber})")
            : Task.FromResult(ApiMapper.ToMessage(block));
    }

    private static LedgerApiContext Context(ServerCallContext context) =>
        context.GetHttpContext().Features.Get<LedgerApiContext>()
        ?? throw new InvalidOperationException("the ledger API was mapped without its node (use MapLedgerApi)");
}
