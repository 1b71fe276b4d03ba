using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

/// <summary>Test builders for headers, receipts and blocks.</summary>
internal static class ChainBuilders
{
    public static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");

    public static BlockHeader Header(ulong number = 7, uint round = 0, IReadOnlyList<Address>? validators = null)
    {
        var bloom = Bloom.Empty();
        Bloom.Add(bloom, new LogEntry(Token, [Hash32.Zero], []));
        return new BlockHeader
        {
            ParentHash = Keccak256.Hash("parent"u8),
            Number = number,
            TimestampMs = 1_700_000_000_123,
            Proposer = TestKeys.Address(0),
            Round = round,
            TransactionsRoot = Keccak256.Hash("txs"u8),
            ReceiptsRoot = Keccak256.Hash("receipts"u8),
            StateRoot = Keccak256.Hash("state"u8),
            ValidatorSetHash = ValidatorSet.ComputeHash(validators ?? [TestKeys.Address(0)]),
            GasUsed = 42_000,
            GasLimit = 30_000_000,
            LogsBloom = bloom,
        };
    }

    public static Receipt Receipt(Hash32 txHash, bool success, int logs)
    {
        var entries = new List<LogEntry>();
        for (var i = 0; i < logs; i++)
        {
            entries.Add(new LogEntry(Token, [Keccak256.Hash("Transfer(address,address,uint256)"u8), new Hash32(new byte[32])], [1, 2, (byte)i]));
        }

        return new Receipt
        {
            TransactionHash = txHash,
            Success = success,
            GasUsed = 30_000,
            CumulativeGasUsed = 60_000,
            Logs = entries,
            RevertData = success ? [] : [0x08, 0xc3, 0x79, 0xa0],
            Output = success ? [0, 0, 1] : [],
        };
    }

    public static SignedTransaction Transaction(int account, ulong nonce) => TransactionSigner.Sign(
        new UnsignedTransaction { ChainId = 4242, Nonce = nonce, GasLimit = 100_000, To = Token, Data = [0xa9, 0x05, 0x9c, 0xbb] },
        TestKeys.Key(account), Ecdsa.Default);
}
