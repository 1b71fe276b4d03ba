using System.Runtime.InteropServices;
using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Parameters;

/// <summary>Typed reads of JSON parameter values; every violation throws -32602 naming the argument.</summary>
public static class JsonParse
{
    /// <summary>
    /// The UTF-8 content of a JSON string. Hex never needs escapes, so the raw request bytes are used
    /// directly; only an escaped string (legal JSON, odd in practice) is unescaped into a new array.
    /// </summary>
    public static ReadOnlySpan<byte> Utf8(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        raw = raw[1..^1];
        return raw.IndexOf((byte)'\\') < 0 ? raw : System.Text.Encoding.UTF8.GetBytes(element.GetString()!);
    }

    public static ulong Quantity(JsonElement element, ArgPath at)
    {
        var problem = HexParser.TryParseQuantity(HexText(element, at), out ulong value);
        return problem is null ? value : throw at.Error(problem);
    }

    public static UInt256 Quantity256(JsonElement element, ArgPath at)
    {
        var problem = HexParser.TryParseQuantity(HexText(element, at), out UInt256 value);
        return problem is null ? value : throw at.Error(problem);
    }

    public static byte[] Data(JsonElement element, ArgPath at)
    {
        var problem = HexParser.TryParseData(HexText(element, at), out var bytes);
        return problem is null ? bytes : throw at.Error(problem);
    }

    public static Address Address(JsonElement element, ArgPath at)
    {
        var problem = HexParser.TryParseAddress(HexText(element, at), out var address);
        return problem is null ? address : throw at.Error(problem);
    }

    public static Hash32 Hash(JsonElement element, ArgPath at)
    {
        var problem = HexParser.TryParseHash(HexText(element, at), out var hash);
        return problem is null ? hash : throw at.Error(problem);
    }

    public static bool Bool(JsonElement element, ArgPath at) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw at.Error($"expected a boolean, got {Describe(element)}"),
    };

    /// <summary>A block tag, a hex block number, or (when <paramref name="allowHash"/>) an EIP-1898 object.</summary>
    public static BlockParameter Block(JsonElement element, ArgPath at, bool allowHash)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return allowHash ? BlockObject(element, at) : throw at.Error("expected a block number or tag, got an object");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw at.Error($"expected a block number or tag, got {Describe(element)}");
        }

        var text = Utf8(element);
        if (text.SequenceEqual("latest"u8))
        {
            return new BlockParameter(BlockTag.Latest);
        }

        if (text.SequenceEqual("earliest"u8))
        {
            return new BlockParameter(BlockTag.Earliest);
        }

        if (text.SequenceEqual("pending"u8))
        {
            return new BlockParameter(BlockTag.Pending);
        }

        if (text.SequenceEqual("safe"u8))
        {
            return new BlockParameter(BlockTag.Safe);
        }

        if (text.SequenceEqual("finalized"u8))
        {
            return new BlockParameter(BlockTag.Finalized);
        }

        if (text.Length >= 2 && text[0] == (byte)'0' && (text[1] | 0x20) == (byte)'x')
        {
            return BlockParameter.ByNumber(Quantity(element, at));
        }

        throw at.Error($"expected a block number or one of latest, earliest, pending, safe, finalized, got \"{element.GetString()}\"");
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static ReadOnlySpan<byte> HexText(JsonElement element, ArgPath at) =>
        element.ValueKind == JsonValueKind.String ? Utf8(element) : throw at.Error($"expected a hex string, got {Describe(element)}");

    private static BlockParameter BlockObject(JsonElement element, ArgPath at)
    {
        var hasNumber = element.TryGetProperty("blockNumber"u8, out var number);
        var hasHash = element.TryGetProperty("blockHash"u8, out var hash);
        if (hasNumber == hasHash)
        {
            throw at.Error("a block object needs exactly one of blockNumber or blockHash");
        }

        return hasNumber
            ? BlockParameter.ByNumber(Quantity(number, at.WithField("blockNumber")))
            : BlockParameter.ByHash(Hash(hash, at.WithField("blockHash")));
    }
}
