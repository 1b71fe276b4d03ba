using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

public class MerkleRootTests
{
    private static readonly Hash32 A = Keccak256.Hash("a"u8);
    private static readonly Hash32 B = Keccak256.Hash("b"u8);
    private static readonly Hash32 C = Keccak256.Hash("c"u8);

    private static Hash32 Pair(Hash32 left, Hash32 right) => Keccak256.Hash([.. left.ToArray(), .. right.ToArray()]);

    [Fact]
    public void An_empty_list_has_the_keccak_of_nothing_as_root() =>
        Assert.Equal(Hash32.Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"), MerkleRoot.Compute([]));

    [Fact]
    public void One_item_is_its_own_root() => Assert.Equal(A, MerkleRoot.Compute([A]));

    [Fact]
    public void Two_items_hash_as_a_pair() => Assert.Equal(Pair(A, B), MerkleRoot.Compute([A, B]));

    [Fact]
    public void An_odd_level_duplicates_its_last_node() =>
        Assert.Equal(Pair(Pair(A, B), Pair(C, C)), MerkleRoot.Compute([A, B, C]));

    [Fact]
    public void Five_items_build_three_levels()
    {
        var d = Keccak256.Hash("d"u8);
        var e = Keccak256.Hash("e"u8);
        var left = Pair(Pair(A, B), Pair(C, d));
        var right = Pair(Pair(e, e), Pair(e, e));
        Assert.Equal(Pair(left, right), MerkleRoot.Compute([A, B, C, d, e]));
    }

    [Fact]
    public void Order_matters_and_the_input_is_not_modified()
    {
        var items = new[] { A, B, C };
        Assert.NotEqual(MerkleRoot.Compute(items), MerkleRoot.Compute([B, A, C]));
        Assert.Equal([A, B, C], items);
    }

    [Fact]
    public void Transaction_and_receipt_roots_hash_the_documented_items()
    {
        var txs = new[] { ChainBuilders.Transaction(0, 0), ChainBuilders.Transaction(1, 0) };
        Assert.Equal(Pair(txs[0].Hash, txs[1].Hash), MerkleRoot.OfTransactions(txs));
        var receipt = ChainBuilders.Receipt(txs[0].Hash, true, 1);
        Assert.Equal(Keccak256.Hash(ReceiptCodec.Encode(receipt)), MerkleRoot.OfReceipts([receipt]));
    }

    [Fact]
    public void The_validator_set_hash_is_keccak_of_the_concatenated_addresses()
    {
        var expected = Keccak256.Hash([.. TestKeys.Address(0).ToArray(), .. TestKeys.Address(1).ToArray()]);
        Assert.Equal(expected, ValidatorSet.ComputeHash([TestKeys.Address(0), TestKeys.Address(1)]));
        Assert.NotEqual(expected, ValidatorSet.ComputeHash([TestKeys.Address(1), TestKeys.Address(0)]));
    }
}
