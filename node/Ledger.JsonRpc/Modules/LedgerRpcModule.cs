using System.Text.Json;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>The ledger_ namespace: what Ethereum has no method for (token and module discovery).</summary>
public sealed class LedgerRpcModule(ILedgerBackend backend)
{
    /// <summary>[{address, symbol, name, currency, decimals, issuer}] for every deposit token in genesis.</summary>
    public JsonRpcError? ledger_getTokens(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStartArray();
        foreach (var token in backend.Tokens)
        {
            result.WriteStartObject();
            result.WriteAddress("address"u8, token.Address);
            result.WriteString("symbol"u8, token.Symbol);
            result.WriteString("name"u8, token.Name);
            result.WriteString("currency"u8, token.Currency);
            result.WriteNumber("decimals"u8, token.Decimals);
            result.WriteString("issuer"u8, token.Issuer);
            result.WriteEndObject();
        }

        result.WriteEndArray();
        return null;
    }

    /// <summary>[{name, address, abi}] for every module, the ABI as JSON (not a string) so clients can use it directly.</summary>
    public JsonRpcError? ledger_getModules(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStartArray();
        foreach (var module in backend.Modules)
        {
            result.WriteStartObject();
            result.WriteString("name"u8, module.Name);
            result.WriteAddress("address"u8, module.Address);
            result.WritePropertyName("abi"u8);
            result.WriteRawValue(module.AbiJson);
            result.WriteEndObject();
        }

        result.WriteEndArray();
        return null;
    }
}
