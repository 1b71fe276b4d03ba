using Grpc.Core;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.JsonRpc;

namespace Ledger.Node.Api;

public sealed partial class LedgerApiService
{
    /// <summary>A page of the account index (the same query as ledger_getAccountHistory); never reads a block.</summary>
    public override Task<GetHistoryResponse> GetHistory(GetHistoryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        var query = Query(request, backend);
        AccountHistoryPage page;
        try
        {
            page = backend.GetAccountHistory(query);
        }
        catch (ArgumentException e)
        {
            throw ApiErrors.InvalidArgument(e.Message);
        }
        catch (JsonRpcException e)
        {
            throw ApiErrors.FailedPrecondition(e.Message);
        }

        var tokens = backend.Tokens.ToDictionary(t => t.Address, ApiMapper.ToMessage);
        var response = new GetHistoryResponse { AsOfBlock = page.AsOfBlock };
        foreach (var record in page.Records)
        {
            // A record of a token genesis does not list cannot exist; skip rather than fail the whole page if it did.
            if (tokens.TryGetValue(record.Token, out var token))
            {
                response.Entries.Add(HistoryEntryMapper.ToEntry(record, token));
            }
        }

        if (page.NextCursor is { } next)
        {
            response.NextPageToken = next.Encode();
        }

        return Task.FromResult(response);
    }

    private static AccountHistoryQuery Query(GetHistoryRequest request, ILedgerBackend backend)
    {
        if (request.PageSize > AccountHistoryQuery.MaxPageSize)
        {
            throw ApiErrors.InvalidArgument($"page_size {request.PageSize} is above the most one page holds ({AccountHistoryQuery.MaxPageSize})");
        }

        HistoryCursor? cursor = null;
        if (request.PageToken.Length > 0)
        {
            cursor = HistoryCursor.TryDecode(request.PageToken, out var decoded)
                ? decoded
                : throw ApiErrors.InvalidArgument($"page_token '{request.PageToken}' is not one this server returned");
        }

        var kinds = new HashSet<RecordKind>();
        foreach (var name in request.Kinds)
        {
            kinds.Add(RecordKinds.TryParse(name, out var kind)
                ? kind
                : throw ApiErrors.InvalidArgument($"unknown kind '{name}' (kinds: {string.Join(", ", RecordKinds.All.Select(k => k.WireName()))})"));
        }

        return new AccountHistoryQuery
        {
            Account = ApiMapper.ParseAddress(request.Address, "address"),
            Token = request.Token.Length == 0 ? null : SelectToken(backend, request.Token).Address,
            Counterparty = request.Counterparty.Length == 0 ? null : ApiMapper.ParseAddress(request.Counterparty, "counterparty"),
            Kinds = kinds.Count == 0 ? null : kinds,
            SinceMs = request.SinceMs,
            UntilMs = request.UntilMs,
            PageSize = request.PageSize == 0 ? AccountHistoryQuery.DefaultPageSize : (int)request.PageSize,
            Cursor = cursor,
            Page = (int)Math.Min(request.Page, int.MaxValue),
            AsOfBlock = request.HasAsOfBlock ? request.AsOfBlock : null,
        };
    }

    private static TokenInfo SelectToken(ILedgerBackend backend, string token) =>
        backend.Tokens.FirstOrDefault(t =>
            string.Equals(t.Symbol, token, StringComparison.OrdinalIgnoreCase)
            || (Address.TryParse(token, out var address) && t.Address == address))
        ?? throw ApiErrors.InvalidArgument($"unknown token '{token}' (tokens: {string.Join(", ", backend.Tokens.Select(t => t.Symbol))})");
}
