using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Contracts.Records;

/// <summary>
/// The records of one transaction while it is classified: each carries its block position, and
/// <see cref="Flush"/> appends them to the block's list in log order (a module's outcome record may come from an event
/// logged before the transfer it follows), numbering them as it goes.
/// </summary>
internal sealed class TransactionScope(Block block, int transactionIndex, int logBase, List<AccountRecord> output)
{
    private readonly List<AccountRecord> _records = [];

    /// <summary>Block-wide index of the transaction's first log.</summary>
    public int LogBase { get; } = logBase;

    /// <summary>The transaction's signer (the issuer of a mint, the bank of a burn).</summary>
    public Address Sender { get; } = block.Transactions[transactionIndex].Sender;

    public void Add(
        Address account, Address token, RecordKind kind, RecordDirection direction, UInt256 amount, Address counterparty, int logIndex,
        Address via = default, Hash32 reference = default, UInt256 fee = default) =>
        _records.Add(new AccountRecord
        {
            Account = account,
            Token = token,
            Kind = kind,
            Direction = direction,
            Amount = amount,
            Counterparty = counterparty,
            Via = via,
            Reference = reference,
            Fee = fee,
            BlockNumber = block.Header.Number,
            Sequence = 0,
            TransactionIndex = transactionIndex,
            LogIndex = logIndex,
            TimestampMs = block.Header.TimestampMs,
            TransactionHash = block.Transactions[transactionIndex].Hash,
        });

    /// <summary>Appends this transaction's records in log order (stable within one log), numbered after the block's earlier ones.</summary>
    public void Flush()
    {
        foreach (var record in _records.OrderBy(r => r.LogIndex))
        {
            output.Add(record with { Sequence = output.Count });
        }
    }
}
