using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Node.Api;
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
        var page = ordered.Skip(offset).Take(pageSize).ToList();
        var catalog = page.Count == 0 || !filter.Origins ? null : await CatalogAsync(cancellationToken).ConfigureAwait(false);
        var origins = new Dictionary<string, TransferOrigin>(StringComparer.OrdinalIgnoreCase);
        foreach (var log in page)
        {
            var block = Quantity(log["blockNumber"]);
            var timestamp = await TimestampAsync(block, timestamps, cancellationToken).ConfigureAwait(false);

            var topics = log["topics"]!.AsArray();
            var from = new Address(Hex.Decode(Str(topics[1])).AsSpan(12));
            var to = new Address(Hex.Decode(Str(topics[2])).AsSpan(12));
            var tokenAddress = Address.Parse(Str(log["address"]));
            var origin = catalog is null ? TransferOrigin.Unknown : await OriginAsync(catalog, Str(log["transactionHash"]), origins, cancellationToken).ConfigureAwait(false);
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
                Module = origin.Module,
                Function = origin.Function,
                Reference = origin.Reference,
            });
        }

        if (offset + pageSize < ordered.Count)
        {
            response.NextPageToken = ParseInvariant((ulong)(offset + pageSize));
        }

        return response;
    }

    private async Task<ModuleAbiCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        var modules = await GetModulesAsync(cancellationToken).ConfigureAwait(false);
        return new ModuleAbiCatalog(modules.Select(m => (m.Name, Address.Parse(m.Address), m.AbiJson)));
    }

    /// <summary>
    /// The module, function and reference of one transaction (eth_getTransactionByHash for target and calldata,
    /// eth_getTransactionReceipt for the module's events), once per hash: an FX settlement's two legs share one.
    /// </summary>
    private async Task<TransferOrigin> OriginAsync(ModuleAbiCatalog catalog, string hash, Dictionary<string, TransferOrigin> cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(hash, out var origin))
        {
            return origin;
        }

        var transaction = await CallAsync("eth_getTransactionByHash", [hash], cancellationToken).ConfigureAwait(false);
        var receipt = await CallAsync("eth_getTransactionReceipt", [hash], cancellationToken).ConfigureAwait(false);
        if (transaction is null || receipt is null)
        {
            origin = TransferOrigin.Unknown;
        }
        else
        {
            Address? to = transaction["to"] is JsonValue target && Address.TryParse(target.GetValue<string>(), out var parsed) ? parsed : null;
            var input = Hex.Decode(Str(transaction["input"] ?? transaction["data"]));
            var logs = receipt["logs"]?.AsArray()
                .Where(l => l is not null)
                .Select(l => new LogEntry(
                    Address.Parse(Str(l!["address"])),
                    [.. l["topics"]!.AsArray().Select(t => Hash32.Parse(Str(t)))],
                    Hex.Decode(Str(l["data"]))))
                .ToList() ?? [];
            origin = TransferOrigin.Of(catalog, to, input, logs);
        }

        cache[hash] = origin;
        return origin;
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
