using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Tests.Fakes;

/// <summary>
/// A small, fully known chain: genesis, block 1 (legacy + EIP-1559 transfers with three logs), block 2 (a
/// reverted EIP-2930 transaction and a call to the echo module with one log), and one pending transaction.
/// </summary>
public sealed class TestChain
{
    public const ulong ChainId = 4242;

    public static readonly byte[] KeyA = Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static readonly byte[] KeyB = Convert.FromHexString("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static readonly Address SenderA = Address.Parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    public static readonly Address SenderB = Address.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    public static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");
    public static readonly Address Reverter = Address.Parse("0x2000000000000000000000000000000000000002");
    public static readonly Address Echo = Address.Parse("0x1000000000000000000000000000000000000001");
    public static readonly Address Proposer = Address.Parse("0xbcd4042de499d14e55001ccbb24a551f3b954096");
    public static readonly Hash32 TransferTopic = AbiTopic.OfEvent("Transfer(address,address,uint256)");
    public static readonly Hash32 ApprovalTopic = AbiTopic.OfEvent("Approval(address,address,uint256)");
    public static readonly Hash32 EchoTopic = AbiTopic.OfEvent("Echoed(bytes)");

    public TestChain()
    {
        var legacy = Sign(new UnsignedTransaction { Type = TxType.Legacy, ChainId = ChainId, Nonce = 0, GasPrice = 7, GasLimit = 90_000, To = Token, Data = [0xa9, 0x05, 0x9c, 0xbb] }, KeyA);
        var dynamic = Sign(new UnsignedTransaction { Type = TxType.DynamicFee, ChainId = ChainId, Nonce = 1, MaxFeePerGas = 1_000_000_000, MaxPriorityFeePerGas = 2, GasLimit = 100_000, To = Token, Data = [0x09, 0x5e, 0xa7, 0xb3] }, KeyA);
        var accessList = Sign(new UnsignedTransaction
        {
            Type = TxType.AccessList,
            ChainId = ChainId,
            Nonce = 2,
            GasPrice = 1,
            GasLimit = 50_000,
            To = Token,
            Data = [0x01],
            AccessList = [new AccessListEntry(Token, [Hash32.Zero, TransferTopic])],
        }, KeyA);
        var echo = Sign(new UnsignedTransaction { Type = TxType.DynamicFee, ChainId = ChainId, Nonce = 0, GasLimit = 60_000, To = Echo, Data = [0xca, 0xfe] }, KeyB);
        Pending = Sign(new UnsignedTransaction { Type = TxType.DynamicFee, ChainId = ChainId, Nonce = 3, GasLimit = 60_000, To = Token, Data = [0x02] }, KeyA);

        TransferLog = new LogEntry(Token, [TransferTopic, AbiTopic.FromAddress(SenderA), AbiTopic.FromAddress(SenderB)], AbiWriter.EncodeUInt256(100));
        ApprovalLog = new LogEntry(Token, [ApprovalTopic, AbiTopic.FromAddress(SenderA), AbiTopic.FromAddress(SenderB)], AbiWriter.EncodeUInt256(5));
        SecondTransferLog = new LogEntry(Token, [TransferTopic, AbiTopic.FromAddress(SenderB), AbiTopic.FromAddress(SenderA)], AbiWriter.EncodeUInt256(1));
        EchoLog = new LogEntry(Echo, [EchoTopic], [0xca, 0xfe]);

        Add([], []);
        Add([legacy, dynamic], [Receipt(legacy, true, 30_000, 30_000, TransferLog), Receipt(dynamic, true, 40_000, 70_000, ApprovalLog, SecondTransferLog)]);
        Add([accessList, echo], [Receipt(accessList, false, 25_000, 25_000), Receipt(echo, true, 22_000, 47_000, EchoLog)]);
    }

    public List<Block> Blocks { get; } = [];

    public Dictionary<Hash32, IReadOnlyList<Receipt>> Receipts { get; } = [];

    public SignedTransaction Pending { get; }

    public LogEntry TransferLog { get; }

    public LogEntry ApprovalLog { get; }

    public LogEntry SecondTransferLog { get; }

    public LogEntry EchoLog { get; }

    public static byte[] RevertData { get; } = Convert.FromHexString(
        "08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000a75736572206572726f72");

    public SignedTransaction Tx(int block, int index) => Blocks[block].Transactions[index];

    public static SignedTransaction Sign(UnsignedTransaction tx, byte[] key) => TransactionSigner.Sign(tx, key, Ecdsa.Default);

    private static Receipt Receipt(SignedTransaction tx, bool success, ulong gas, ulong cumulative, params LogEntry[] logs) => new()
    {
        TransactionHash = tx.Hash,
        Success = success,
        GasUsed = gas,
        CumulativeGasUsed = cumulative,
        Logs = logs,
        RevertData = success ? [] : RevertData,
    };

    /// <summary>Appends a block with these transactions and receipts; returns it.</summary>
    public Block Add(IReadOnlyList<SignedTransaction> txs, IReadOnlyList<Receipt> receipts)
    {
        var number = (ulong)Blocks.Count;
        var header = new BlockHeader
        {
            ParentHash = number == 0 ? Hash32.Zero : Blocks[^1].Header.Hash,
            Number = number,
            TimestampMs = 1_700_000_000_000 + (number * 1_500),
            Proposer = Proposer,
            Round = 0,
            TransactionsRoot = MerkleRoot.OfTransactions(txs),
            ReceiptsRoot = MerkleRoot.OfReceipts(receipts),
            StateRoot = Keccak256.Hash([(byte)number, 2]),
            ValidatorSetHash = Keccak256.Hash([3]),
            GasUsed = receipts.Count == 0 ? 0 : receipts[^1].CumulativeGasUsed,
            GasLimit = 1_000_000,
            LogsBloom = Bloom.FromReceipts(receipts),
        };
        var block = new Block(header, txs, null);
        Blocks.Add(block);
        Receipts[header.Hash] = receipts;
        return block;
    }

    /// <summary>A receipt for tests that build more blocks.</summary>
    public static Receipt SuccessReceipt(SignedTransaction tx, params LogEntry[] logs) => Receipt(tx, true, 21_000, 21_000, logs);
}
