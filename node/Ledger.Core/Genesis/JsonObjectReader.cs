using System.Globalization;
using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// Reads one JSON object of the genesis file by property name, tracking its JSON path so every error says where it
/// is. Property names are case-sensitive; duplicates and names outside <c>allowed</c> are errors (usually typos),
/// reported before anything else so "decimal" is named as unknown rather than "decimals" as missing.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path, params string[] allowed)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"must be an object, got {Describe(element)}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!_properties.TryAdd(property.Name, property.Value))
            {
                throw Error($"{path}.{property.Name}", "appears more than once");
            }

            if (System.Array.IndexOf(allowed, property.Name) < 0)
            {
                throw Error($"{path}.{property.Name}", $"unknown property (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    public string Path { get; }

    public bool Has(string name) => _properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement Required(string name)
    {
        return _properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Error(At(name), "is required");
    }

    public string String(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(At(name), $"must be a string, got {Describe(value)}");
    }

    public ulong UInt64(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var result)
            ? result
            : throw Error(At(name), $"must be a whole number from 0 to {ulong.MaxValue}, got {Describe(value)}");
    }

    /// <summary>A whole number; range rules are left to validation, so its message can state the sane range.</summary>
    public long Int64(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var result)
            ? result
            : throw Error(At(name), $"must be a whole number, got {Describe(value)}");
    }

    public long Int64(string name, long fallback) => Has(name) ? Int64(name) : fallback;

    public ulong UInt64(string name, ulong fallback) => Has(name) ? UInt64(name) : fallback;

    public Address Address(string name) => ParseAddress(Required(name), At(name));

    public JsonObjectReader Object(string name, params string[] allowed) => new(Required(name), At(name), allowed);

    public IReadOnlyList<T> Array<T>(string name, Func<JsonElement, string, T> read)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(At(name), $"must be an array, got {Describe(value)}");
        }

        var items = new List<T>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(read(item, $"{At(name)}[{index++}]"));
        }

        return items;
    }

    public static Address ParseAddress(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"must be an address string, got {Describe(value)}");
        }

        var text = value.GetString()!;
        if (!Primitives.Address.TryParse(text, out var address))
        {
            throw Error(path, $"'{text}' is not an address (0x followed by 40 hex digits)");
        }

        // Mixed case means the author meant EIP-55: a wrong checksum is a typo in a digit, not a style choice.
        if (text[2..] != text[2..].ToLowerInvariant() && text[2..] != text[2..].ToUpperInvariant() && !Primitives.Address.IsValidChecksum(text))
        {
            throw Error(path, $"'{text}' has an invalid EIP-55 checksum (expected {address.ToChecksumString()})");
        }

        return address;
    }

    public static string ParseString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(path, $"must be a string, got {Describe(value)}");

    public static GenesisException Error(string path, string message) => new($"{path}: {message}");

    private string At(string name) => $"{Path}.{name}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
