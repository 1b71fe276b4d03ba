using System.Globalization;
using System.Text.Json;
using Ledger.Core.Records;

namespace Ledger.JsonRpc.Serialization;

/// <summary>
/// One record of ledger_getAccountHistory. Positions are hex quantities as in the eth_ namespace; amounts are decimal
/// strings of base units (as the gRPC API), because a wallet formats them with the token's decimals and a script
/// sums them, and <c>change</c> carries the sign.
/// </summary>
public static class AccountRecordJson
{
    public static void Write(Utf8JsonWriter writer, AccountRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        writer.WriteAddress("account"u8, record.Account);
        writer.WriteAddress("token"u8, record.Token);
        writer.WriteString("kind"u8, record.Kind.WireName());
        writer.WriteString("direction"u8, record.Direction switch { RecordDirection.In => "in", RecordDirection.Out => "out", _ => "none" });
        writer.WriteString("amount"u8, record.Amount.ToString());
        writer.WriteString("change"u8, record.Change.ToString(CultureInfo.InvariantCulture));
        writer.WriteAddress("counterparty"u8, record.Counterparty);
        writer.WriteAddressOrNull("via"u8, record.Via.IsZero ? null : record.Via);
        if (record.Reference.IsZero)
        {
            writer.WriteNull("reference"u8);
        }
        else
        {
            writer.WriteHash("reference"u8, record.Reference);
        }

        writer.WriteString("fee"u8, record.Fee.ToString());
        writer.WriteQuantity("blockNumber"u8, record.BlockNumber);
        writer.WriteQuantity("sequence"u8, (ulong)record.Sequence);
        writer.WriteQuantity("transactionIndex"u8, (ulong)record.TransactionIndex);
        writer.WriteQuantity("logIndex"u8, (ulong)record.LogIndex);
        writer.WriteNumber("timestampMs"u8, record.TimestampMs);
        writer.WriteHash("transactionHash"u8, record.TransactionHash);
        writer.WriteEndObject();
    }
}
