using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// Reads an eth_getLogs filter object: block range or blockHash, address (one or many), topics (null, one, or OR
/// list). Address and topic lists are capped (<see cref="JsonRpcOptions.MaxFilterAddresses"/>,
/// <see cref="JsonRpcOptions.MaxFilterTopics"/>) before any item is parsed, so an oversized list costs nothing.
/// </summary>
public static class LogFilterParser
{
    public const int MaxTopics = 4;

    public static LogFilterRequest Parse(JsonElement element, ArgPath at, JsonRpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected a filter object, got {JsonParse.Describe(element)}");
        }

        BlockParameter? from = Has(element, "fromBlock"u8, out var f) ? JsonParse.Block(f, at.WithField("fromBlock"), allowHash: false) : null;
        BlockParameter? to = Has(element, "toBlock"u8, out var t) ? JsonParse.Block(t, at.WithField("toBlock"), allowHash: false) : null;
        Hash32? blockHash = Has(element, "blockHash"u8, out var h) ? JsonParse.Hash(h, at.WithField("blockHash")) : null;
        if (blockHash is not null && (from is not null || to is not null))
        {
            throw at.Error("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
        }

        return new LogFilterRequest(from, to, blockHash, new LogCriteria(Addresses(element, at, options.MaxFilterAddresses), Topics(element, at, options.MaxFilterTopics)));
    }

    private static IReadOnlyList<Address> Addresses(JsonElement element, ArgPath at, int max)
    {
        if (!Has(element, "address"u8, out var value))
        {
            return [];
        }

        var path = at.WithField("address");
        if (value.ValueKind == JsonValueKind.String)
        {
            return [JsonParse.Address(value, path)];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw path.Error($"expected an address or an array of addresses, got {JsonParse.Describe(value)}");
        }

        var count = value.GetArrayLength();
        if (count > max)
        {
            throw path.Error($"at most {max} addresses per filter, got {count}; split the query or use several subscriptions");
        }

        var addresses = new List<Address>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            addresses.Add(JsonParse.Address(item, at.WithField($"address[{index++}]")));
        }

        return addresses;
    }

    private static IReadOnlyList<IReadOnlyList<Hash32>?> Topics(JsonElement element, ArgPath at, int max)
    {
        if (!Has(element, "topics"u8, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw at.WithField("topics").Error($"expected an array, got {JsonParse.Describe(value)}");
        }

        var count = value.GetArrayLength();
        if (count > MaxTopics)
        {
            throw at.WithField("topics").Error($"at most {MaxTopics} topic positions, got {count}");
        }

        var topics = new List<IReadOnlyList<Hash32>?>(count);
        var position = 0;
        foreach (var item in value.EnumerateArray())
        {
            topics.Add(Position(item, at, position++, max));
        }

        return topics;
    }

    /// <summary>One topic position: null or [] match anything, a hash matches itself, an array matches any of its hashes.</summary>
    private static IReadOnlyList<Hash32>? Position(JsonElement item, ArgPath at, int position, int max)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return [JsonParse.Hash(item, at.WithField($"topics[{position}]"))];
            case JsonValueKind.Array:
                var count = item.GetArrayLength();
                if (count == 0)
                {
                    return null;
                }

                if (count > max)
                {
                    throw at.WithField($"topics[{position}]").Error($"at most {max} topics per position, got {count}");
                }

                var alternatives = new List<Hash32>(count);
                var index = 0;
                foreach (var alternative in item.EnumerateArray())
                {
                    var path = at.WithField($"topics[{position}][{index++}]");
                    if (alternative.ValueKind == JsonValueKind.Null)
                    {
                        // geth: a null inside an OR list makes the whole position a wildcard.
                        return null;
                    }

                    alternatives.Add(JsonParse.Hash(alternative, path));
                }

                return alternatives;
            default:
                throw at.WithField($"topics[{position}]").Error($"expected a topic hash, an array of them or null, got {JsonParse.Describe(item)}");
        }
    }

    private static bool Has(JsonElement element, ReadOnlySpan<byte> name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
