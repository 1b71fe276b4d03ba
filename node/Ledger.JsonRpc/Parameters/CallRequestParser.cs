using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// Reads an eth_call / eth_estimateGas transaction object. Fee fields are checked for shape and ignored
/// (nothing is charged); unknown fields are ignored, as geth does.
/// </summary>
public static class CallRequestParser
{
    public static CallRequest Parse(JsonElement element, ArgPath at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected a transaction call object, got {JsonParse.Describe(element)}");
        }

        Address? from = Has(element, "from"u8, out var f) ? JsonParse.Address(f, at.WithField("from")) : null;
        Address? to = Has(element, "to"u8, out var t) ? JsonParse.Address(t, at.WithField("to")) : null;
        ulong? gas = Has(element, "gas"u8, out var g) ? JsonParse.Quantity(g, at.WithField("gas")) : null;
        var value = Has(element, "value"u8, out var v) ? JsonParse.Quantity256(v, at.WithField("value")) : UInt256.Zero;
        CheckQuantity(element, "gasPrice"u8, "gasPrice", at);
        CheckQuantity(element, "maxFeePerGas"u8, "maxFeePerGas", at);
        CheckQuantity(element, "maxPriorityFeePerGas"u8, "maxPriorityFeePerGas", at);
        CheckQuantity(element, "nonce"u8, "nonce", at);

        var input = Has(element, "input"u8, out var i) ? JsonParse.Data(i, at.WithField("input")) : null;
        var data = Has(element, "data"u8, out var d) ? JsonParse.Data(d, at.WithField("data")) : null;
        if (input is not null && data is not null && !input.AsSpan().SequenceEqual(data))
        {
            throw at.Error("both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data");
        }

        return new CallRequest(from, to, input ?? data ?? [], gas, value);
    }

    private static bool Has(JsonElement element, ReadOnlySpan<byte> name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static void CheckQuantity(JsonElement element, ReadOnlySpan<byte> name, string field, ArgPath at)
    {
        if (Has(element, name, out var value))
        {
            JsonParse.Quantity256(value, at.WithField(field));
        }
    }
}
