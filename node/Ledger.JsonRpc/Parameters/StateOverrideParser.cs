using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// Reads geth's state override set <c>{address: {nonce, balance, code, state, stateDiff}}</c>. What maps onto
/// Ledger is kept (docs/jsonrpc.md, "State overrides"); every field that does not map is refused with -32602
/// naming it, rather than silently simulating something else than the caller asked for.
/// </summary>
public static class StateOverrideParser
{
    /// <summary>Longest module storage key (as in docs/state.md).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Largest module storage value (as in docs/state.md).</summary>
    public const int MaxValueLength = 64 * 1024;

    public static IReadOnlyList<AccountOverride> Parse(JsonElement element, ArgPath at)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected a state override object {{address: {{nonce, state, stateDiff}}}}, got {JsonParse.Describe(element)}");
        }

        var overrides = new List<AccountOverride>();
        foreach (var property in element.EnumerateObject())
        {
            if (!Address.TryParse(property.Name, out var address))
            {
                throw at.Error($"\"{property.Name}\" is not an address (20 bytes as 0x-prefixed hex)");
            }

            overrides.Add(ParseAccount(address, property.Value, at.WithField(property.Name)));
        }

        return overrides;
    }

    private static AccountOverride ParseAccount(Address address, JsonElement element, ArgPath at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected an account override object, got {JsonParse.Describe(element)}");
        }

        ulong? nonce = null;
        IReadOnlyList<KeyValuePair<byte[], byte[]?>>? state = null;
        IReadOnlyList<KeyValuePair<byte[], byte[]?>>? stateDiff = null;
        foreach (var field in element.EnumerateObject())
        {
            var value = field.Value;
            var fieldAt = at.WithField(field.Name);
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (field.Name)
            {
                case "nonce":
                    nonce = JsonParse.Quantity(value, fieldAt);
                    break;
                case "balance":
                    // No native coin: every balance is zero, so only an override to zero is true to the chain.
                    if (!JsonParse.Quantity256(value, fieldAt).IsZero)
                    {
                        throw fieldAt.Error("Ledger has no native coin, every balance is 0; override token balances through the token's \"stateDiff\"");
                    }

                    break;
                case "code":
                    if (JsonParse.Data(value, fieldAt).Length > 0)
                    {
                        throw fieldAt.Error("Ledger runs native modules at fixed addresses, not EVM bytecode; code cannot be overridden");
                    }

                    break;
                case "state":
                    state = ParseStorage(address, value, fieldAt);
                    break;
                case "stateDiff":
                    stateDiff = ParseStorage(address, value, fieldAt);
                    break;
                case "movePrecompileToAddress":
                    throw fieldAt.Error("Ledger has no EVM precompiles to move");
                default:
                    throw fieldAt.Error("unknown override field; supported: nonce, state, stateDiff (balance 0x0 and empty code are accepted)");
            }
        }

        if (state is not null && stateDiff is not null)
        {
            throw at.Error($"account {address} has both 'state' and 'stateDiff'");
        }

        return new AccountOverride(address, nonce, state, stateDiff);
    }

    private static List<KeyValuePair<byte[], byte[]?>> ParseStorage(Address address, JsonElement element, ArgPath at)
    {
        if (address == Address.Zero)
        {
            throw at.Error("0x0000000000000000000000000000000000000000 is the system namespace (account nonces); override nonces with \"nonce\"");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected an object of storage key → value (module storage keys and values as hex), got {JsonParse.Describe(element)}");
        }

        var entries = new List<KeyValuePair<byte[], byte[]?>>();
        foreach (var entry in element.EnumerateObject())
        {
            var keyAt = at.WithField(entry.Name);
            var problem = HexParser.TryParseData(System.Text.Encoding.UTF8.GetBytes(entry.Name), out var key);
            if (problem is not null)
            {
                throw keyAt.Error("the key " + problem);
            }

            if (key.Length is 0 or > MaxKeyLength)
            {
                throw keyAt.Error($"a module storage key is 1 to {MaxKeyLength} bytes, this one is {key.Length}");
            }

            var value = JsonParse.Data(entry.Value, keyAt);
            if (value.Length > MaxValueLength)
            {
                throw keyAt.Error($"a module storage value is at most {MaxValueLength} bytes, this one is {value.Length}");
            }

            entries.Add(new(key, value.Length == 0 ? null : value));
        }

        return entries;
    }
}
