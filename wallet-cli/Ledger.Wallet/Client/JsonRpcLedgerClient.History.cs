using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Node.Api;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

public sealed partial class JsonRpcLedgerClient
{
    /// <summary>ledger_getAccountHistory with the request's fields, its records turned into the same entries gRPC returns.</summary>
    public async Task<GetHistoryResponse> GetHistoryAsync(GetHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new JsonObject { ["address"] = request.Address };
        if (request.Token.Length > 0)
        {
            query["token"] = request.Token;
        }

        if (request.Counterparty.Length > 0)
        {
            query["counterparty"] = request.Counterparty;
        }

        if (request.Kinds.Count > 0)
        {
            query["kinds"] = new JsonArray([.. request.Kinds.Select(k => (JsonNode)JsonValue.Create(k))]);
        }

        AddNumber(query, "sinceMs", request.SinceMs);
        AddNumber(query, "untilMs", request.UntilMs);
        AddNumber(query, "pageSize", request.PageSize);
        AddNumber(query, "page", request.Page);
        if (request.PageToken.Length > 0)
        {
            query["cursor"] = request.PageToken;
        }

        if (request.HasAsOfBlock)
        {
            query["asOfBlock"] = request.AsOfBlock;
        }

        var result = await CallAsync("ledger_getAccountHistory", [query], cancellationToken).ConfigureAwait(false)
            ?? throw new WalletException($"{Endpoint} answered ledger_getAccountHistory without a result");
        var tokens = (await GetTokensAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => Address.Parse(t.Address));
        var response = new GetHistoryResponse
        {
            AsOfBlock = Quantity(result["asOfBlock"]),
            NextPageToken = result["nextCursor"] is JsonValue cursor ? cursor.GetValue<string>() : string.Empty,
        };
        foreach (var item in result["entries"]?.AsArray() ?? [])
        {
            var record = Record(item!);
            if (tokens.TryGetValue(record.Token, out var token))
            {
                response.Entries.Add(HistoryEntryMapper.ToEntry(record, token));
            }
        }

        return response;
    }

    private static void AddNumber(JsonObject query, string name, ulong value)
    {
        if (value != 0)
        {
            query[name] = value;
        }
    }

    /// <summary>One record of ledger_getAccountHistory (docs/jsonrpc.md).</summary>
    private static AccountRecord Record(JsonNode item)
    {
        var reference = item["reference"] is JsonValue r ? Hash32.Parse(r.GetValue<string>()) : Hash32.Zero;
        return new AccountRecord
        {
            Account = Address.Parse(Str(item["account"])),
            Token = Address.Parse(Str(item["token"])),
            Kind = RecordKinds.TryParse(Str(item["kind"]), out var kind) ? kind : throw new WalletException($"the node sent an unknown history kind '{Str(item["kind"])}'"),
            Direction = Str(item["direction"]) switch { "in" => RecordDirection.In, "out" => RecordDirection.Out, _ => RecordDirection.None },
            Amount = Units(item["amount"]),
            Counterparty = Address.Parse(Str(item["counterparty"])),
            Via = item["via"] is JsonValue via ? Address.Parse(via.GetValue<string>()) : Address.Zero,
            Reference = reference,
            Fee = item["fee"] is null ? UInt256.Zero : Units(item["fee"]),
            BlockNumber = Quantity(item["blockNumber"]),
            Sequence = (int)Quantity(item["sequence"]),
            TransactionIndex = (int)Quantity(item["transactionIndex"]),
            LogIndex = (int)Quantity(item["logIndex"]),
            TimestampMs = item["timestampMs"]!.GetValue<ulong>(),
            TransactionHash = Hash32.Parse(Str(item["transactionHash"])),
        };
    }

    private static UInt256 Units(JsonNode? node) => UInt256.FromBigInteger(BigInteger.Parse(Str(node), NumberStyles.None, CultureInfo.InvariantCulture));
}
