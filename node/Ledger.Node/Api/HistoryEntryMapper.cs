using System.Globalization;
using System.Numerics;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Node.Api;

/// <summary>
/// An account record as the API's <see cref="HistoryEntry"/> and back. The node answers GetHistory with it and the
/// wallet (which links this file) builds the same entries from ledger_getAccountHistory over --rpc, and turns entries
/// back into records for its statement: one mapping, so both transports read alike.
/// </summary>
internal static class HistoryEntryMapper
{
    public static HistoryEntry ToEntry(AccountRecord record, Token token)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(token);
        var (from, to) = Parties(record);
        return new HistoryEntry
        {
            TransactionHash = record.TransactionHash.ToString(),
            BlockNumber = record.BlockNumber,
            TimestampMs = record.TimestampMs,
            Token = token,
            From = from.ToChecksumString(),
            To = to.ToChecksumString(),
            Amount = record.Amount.ToString(),
            Direction = record.Direction switch
            {
                RecordDirection.In => TransferDirection.Received,
                RecordDirection.Out => TransferDirection.Sent,
                _ when record.Counterparty == record.Account => TransferDirection.Self,
                _ => TransferDirection.None,
            },
            LogIndex = (uint)record.LogIndex,
            Module = record.Kind.ModuleOf() == "DepositToken" ? "DepositToken:" + token.Symbol : record.Kind.ModuleOf(),
            Function = string.Empty,
            Reference = record.Kind.FormatReference(record.Reference),
            Kind = record.Kind.WireName(),
            Counterparty = record.Counterparty.ToChecksumString(),
            Via = record.Via.IsZero ? string.Empty : record.Via.ToChecksumString(),
            Change = record.Change.ToString(CultureInfo.InvariantCulture),
            Fee = record.Fee.ToString(),
            Sequence = (uint)record.Sequence,
        };
    }

    /// <summary>The record an entry came from (for sums); a usage-style <see cref="FormatException"/> for an entry no node wrote.</summary>
    public static AccountRecord ToRecord(HistoryEntry entry, Address account)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!RecordKinds.TryParse(entry.Kind, out var kind))
        {
            throw new FormatException($"history entry of {entry.TransactionHash} has an unknown kind '{entry.Kind}'");
        }

        if (!RecordKinds.TryParseReference(entry.Reference, out var reference))
        {
            throw new FormatException($"history entry of {entry.TransactionHash} has a malformed reference '{entry.Reference}'");
        }

        return new AccountRecord
        {
            Account = account,
            Token = Address.Parse(entry.Token.Address),
            Kind = kind,
            Direction = entry.Direction switch
            {
                TransferDirection.Received => RecordDirection.In,
                TransferDirection.Sent => RecordDirection.Out,
                _ => RecordDirection.None,
            },
            Amount = UInt256.FromBigInteger(BigInteger.Parse(entry.Amount, NumberStyles.None, CultureInfo.InvariantCulture)),
            Counterparty = Address.Parse(entry.Counterparty),
            Via = entry.Via.Length == 0 ? Address.Zero : Address.Parse(entry.Via),
            Reference = reference,
            Fee = entry.Fee.Length == 0 ? UInt256.Zero : UInt256.FromBigInteger(BigInteger.Parse(entry.Fee, NumberStyles.None, CultureInfo.InvariantCulture)),
            BlockNumber = entry.BlockNumber,
            Sequence = (int)entry.Sequence,
            TransactionIndex = 0,
            LogIndex = (int)entry.LogIndex,
            TimestampMs = entry.TimestampMs,
            TransactionHash = Hash32.TryParse(entry.TransactionHash, out var hash) ? hash : Hash32.Zero,
        };
    }

    /// <summary>From and to of the payment an entry is about, seen from its account.</summary>
    private static (Address From, Address To) Parties(AccountRecord record) => record.Direction switch
    {
        RecordDirection.In => (record.Counterparty, record.Account),
        RecordDirection.Out => (record.Account, record.Counterparty),
        _ when record.Kind.OutcomeForPayer() => (record.Account, record.Counterparty),
        _ => (record.Counterparty, record.Account),
    };
}
