using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

public sealed partial class JsonRpcLedgerClient
{
    public async Task<GetHistoryResponse> GetHistoryAsync(Address address, HistoryFilter filter, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var token = filter.Token;
        var tokens = await GetTokensAsync(cancellationToken).ConfigureAwait(false);
        var selected = token.Length == 0 ? tokens : [Lookup.Token(tokens, token)];
        var offset = 0;
        if (pageToken.Length > 0 && !int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw WalletException.Usage($"--page '{pageToken}' is not a page token this wallet printed");
        }

        var topic = "0x" + new string('0', 24) + address.ToString()[2..];
        var addresses = new JsonArray([.. selected.Select(t => (JsonNode)JsonValue.Create(t.Address))]);
        var logs = new List<JsonNode>();
        foreach (var topics in new[] { new JsonArray(TransferTopic, topic), new JsonArray(TransferTopic, null, topic) })
        {
            var query = new JsonObject { ["fromBlock"] = "0x0", ["toBlock"] = "latest", ["address"] = addresses.DeepClone(), ["topics"] = topics };
            logs.AddRange((await CallAsync("eth_getLogs", [query], cancellationToken).ConfigureAwait(false))!.AsArray()!);
        }

        var timestamps = new Dictionary<ulong, ulong>();
        var distinct = logs.DistinctBy(l => (Quantity(l["blockNumber"]), Quantity(l["logIndex"])));
        var kept = new List<JsonNode>();
        foreach (var log in distinct)
        {
            if (filter.Counterparty is { } other && Other(log, address) != other)
            {
                continue;
            }

            if (filter.SinceMs != 0 || filter.UntilMs != 0)
            {
                var time = await TimestampAsync(Quantity(log["blockNumber"]), timestamps, cancellationToken).ConfigureAwait(false);
                if (time < filter.SinceMs || (filter.UntilMs != 0 && time >= filter.UntilMs))
                {
                    continue;
                }
            }

            kept.Add(log);
        }

        var ordered = kept
            .OrderByDescending(l => Quantity(l["blockNumber"]))
            .ThenByDescending(l => Quantity(l["logIndex"]))
            .ToList();
        var response = new GetHistoryResponse();
        foreach (var log in ordered.Skip(offset).Take(pageSize))
        {
            var block = Quantity(log["blockNumber"]);
            var timestamp = await TimestampAsync(block, timestamps, cancellationToken).ConfigureAwait(false);

            var topics = log["topics"]!.AsArray();
            var from = new Address(Hex.Decode(Str(topics[1])).AsSpan(12));
            var to = new Address(Hex.Decode(Str(topics[2])).AsSpan(12));
            var tokenAddress = Address.Parse(Str(log["address"]));
            response.Entries.Add(new HistoryEntry
            {
                TransactionHash = Str(log["transactionHash"]),
                BlockNumber = block,
                TimestampMs = timestamp,
                Token = selected.First(t => Address.Parse(t.Address) == tokenAddress),
                From = from.ToChecksumString(),
                To = to.ToChecksumString(),
                Amount = UInt256.FromBigEndianVariable(Hex.Decode(Str(log["data"]))).ToString(),
                Direction = from == to ? TransferDirection.Self : from == address ? TransferDirection.Sent : TransferDirection.Received,
                LogIndex = (uint)Quantity(log["logIndex"]),
            });
        }

        if (offset + pageSize < ordered.Count)
        {
            response.NextPageToken = ParseInvariant((ulong)(offset + pageSize));
        }

        return response;
    }

    private static Address Other(JsonNode log, Address account)
    {
        var topics = log["topics"]!.AsArray();
        var from = new Address(Hex.Decode(Str(topics[1])).AsSpan(12));
        return from == account ? new Address(Hex.Decode(Str(topics[2])).AsSpan(12)) : from;
    }

    /// <summary>JSON-RPC block timestamps are in seconds; the API's are milliseconds.</summary>
    private async Task<ulong> TimestampAsync(ulong block, Dictionary<ulong, ulong> cache, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(block, out var timestamp))
        {
            var header = await CallAsync("eth_getBlockByNumber", [Hex.EncodeQuantity(block), false], cancellationToken).ConfigureAwait(false);
            timestamp = Quantity(header?["timestamp"]) * 1000;
            cache[block] = timestamp;
        }

        return timestamp;
    }
}
