using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>The qbft_ namespace, named as Besu names it so its tooling works against a ledger node.</summary>
public sealed class QbftRpcModule(ILedgerBackend backend)
{
    /// <summary>
    /// qbft_getValidatorsByBlockNumber(block): the validator addresses in proposer order that validate that block (the
    /// genesis set, changed by votes in the Validators module from the block after a majority agreed); a block beyond
    /// the head is "header not found".
    /// </summary>
    public JsonRpcError? qbft_getValidatorsByBlockNumber(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var block = p.Block(0, allowHash: false);
        var number = block.Tag switch
        {
            BlockTag.Earliest => 0UL,
            BlockTag.Number => block.Number,
            _ => backend.HeadNumber,
        };
        if (backend.GetValidators(number) is not { } validators)
        {
            return JsonRpcError.InvalidInput("header not found");
        }

        result.WriteStartArray();
        foreach (var validator in validators)
        {
            result.WriteAddressValue(validator);
        }

        result.WriteEndArray();
        return null;
    }
}
