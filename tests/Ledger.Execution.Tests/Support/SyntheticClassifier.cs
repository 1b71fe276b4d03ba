using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Execution.Indexing;

namespace Ledger.Execution.Tests.Support;

/// <summary>
/// A classifier for index tests (the counter modules move no money): each transaction gives its sender
/// <see cref="PerTransaction"/> records whose token, counterparty and kind cycle with the transaction's first data
/// byte, so filters have something to select; genesis gives every dev account 0–3 an opening balance.
/// </summary>
internal sealed class SyntheticClassifier(int perTransaction = 1) : IRecordClassifier
{
    public static readonly Address TokenX = Address.Parse("0x2000000000000000000000000000000000000001");
    public static readonly Address TokenY = Address.Parse("0x2000000000000000000000000000000000000002");

    public int PerTransaction { get; } = perTransaction;

    public IReadOnlyList<Address> Tokens { get; } = [TokenX, TokenY];

    public IReadOnlyList<AccountRecord> Classify(Block block, IReadOnlyList<Receipt> receipts)
    {
        var records = new List<AccountRecord>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            var selector = tx.Data.Length > 1 ? tx.Data[1] : 0;
            for (var k = 0; k < PerTransaction; k++)
            {
                records.Add(Record(tx.Sender, block.Header, i, tx.Hash, records.Count, selector + k));
            }
        }

        return records;
    }

    public IReadOnlyList<AccountRecord> Genesis(BlockHeader genesis) =>
        [.. Enumerable.Range(0, 4).Select(i => Record(DevKeys.Address(i), genesis, 0, Hash32.Zero, i, 0) with { Kind = RecordKind.OpeningBalance, Direction = RecordDirection.In })];

    private static AccountRecord Record(Address account, BlockHeader header, int transaction, Hash32 hash, int sequence, int selector) => new()
    {
        Account = account,
        Token = selector % 2 == 0 ? TokenX : TokenY,
        Kind = selector % 3 == 0 ? RecordKind.Transfer : RecordKind.InvoicePayment,
        Direction = RecordDirection.Out,
        Amount = new UInt256((header.Number * 1_000) + (ulong)sequence + 1),
        Counterparty = DevKeys.Address(4 + (selector % 3)),
        BlockNumber = header.Number,
        Sequence = sequence,
        TransactionIndex = transaction,
        LogIndex = sequence,
        TimestampMs = header.TimestampMs,
        TransactionHash = hash,
    };
}
