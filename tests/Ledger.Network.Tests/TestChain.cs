using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Network.Tests;

/// <summary>A chain of real blocks: transactions signed by dev accounts 0–3, certificates sealed by validators 10–13.</summary>
internal sealed class TestChain
{
    private static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");

    private TestChain(List<Block> blocks)
    {
        Blocks = blocks;
    }

    /// <summary>Index = height; block 0 is genesis (no certificate).</summary>
    public List<Block> Blocks { get; }

    public Block this[int height] => Blocks[height];

    public static TestChain Build(int count, int transactionsPerBlock = 3)
    {
        var blocks = new List<Block> { Make(0, Hash32.Zero, [], sealers: 0) };
        for (var height = 1; height <= count; height++)
        {
            var transactions = Enumerable.Range(0, transactionsPerBlock).Select(i => Transaction(i, (ulong)height)).ToList();
            blocks.Add(Make((ulong)height, blocks[^1].Header.Hash, transactions));
        }

        return new TestChain(blocks);
    }

    public Func<ulong, byte[]?> Source(int upTo = int.MaxValue, Func<ulong, byte[]?>? overrideBlock = null) =>
        height => height >= (ulong)Blocks.Count || height > (ulong)upTo
            ? null
            : overrideBlock?.Invoke(height) ?? BlockCodec.Encode(Blocks[(int)height]);

    public static SignedTransaction Transaction(int account, ulong nonce, byte[]? data = null) =>
        TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = TestKeys.ChainId, Nonce = nonce, GasLimit = 60_000, To = Token, Data = data ?? [(byte)account, (byte)nonce] },
            DevKeys.PrivateKey(account),
            Ecdsa.Default);

    /// <summary>A block over <paramref name="transactions"/> (root computed from them) certified by the first <paramref name="sealers"/> validators.</summary>
    public static Block Make(
        ulong height, Hash32 parent, IReadOnlyList<SignedTransaction> transactions, int sealers = 3, uint round = 0, Hash32? transactionsRoot = null)
    {
        var header = new BlockHeader
        {
            ParentHash = parent,
            Number = height,
            TimestampMs = 1_000 + height,
            Proposer = TestKeys.ValidatorAddresses[(int)(height % 4)],
            Round = round,
            TransactionsRoot = transactionsRoot ?? MerkleRoot.OfTransactions(transactions),
            ReceiptsRoot = MerkleRoot.EmptyRoot,
            StateRoot = Keccak256.Hash(BitConverter.GetBytes(height)),
            ValidatorSetHash = ValidatorSet.ComputeHash(TestKeys.ValidatorAddresses),
            GasUsed = 0,
            GasLimit = 30_000_000,
            LogsBloom = new byte[256],
        };
        return new Block(header, transactions, sealers == 0 ? null : Certify(header, sealers, round));
    }

    public static CommitCertificate Certify(BlockHeader header, int sealers, uint round = 0, int[]? keyAccounts = null)
    {
        var accounts = keyAccounts ?? [.. Enumerable.Range(10, sealers)];
        var seals = accounts.Select(a => CommitCertificates.CreateSeal(header.Hash, round, DevKeys.PrivateKey(a), Ecdsa.Default)).ToList();
        return new CommitCertificate(header.Hash, round, seals);
    }
}
