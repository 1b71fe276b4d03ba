using Ledger.Core.Crypto;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

/// <summary>Calldata is priced as EIP-2028 does: 21,000 + 4 per zero byte + 16 per non-zero byte.</summary>
public class TransactionGasTests
{
    [Fact]
    public void Empty_calldata_costs_the_base_only()
    {
        Assert.Equal(21_000UL, TransactionGas.Intrinsic([]));
    }

    [Fact]
    public void Zero_bytes_cost_four_and_other_bytes_sixteen()
    {
        Assert.Equal(21_000UL + 4 + 4 + 16 + 16, TransactionGas.Intrinsic([0, 0, 1, 0xff]));
        Assert.Equal(21_000UL + (1_000 * 4), TransactionGas.Intrinsic(new byte[1_000]));
    }

    [Fact]
    public void The_bound_for_a_size_covers_the_largest_transaction_of_that_size()
    {
        var tx = TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = 4242, GasLimit = 3_000_000, To = ChainBuilders.Token, Data = BlockLimitsTests.MaxSizeData() },
            TestKeys.Key(0),
            Ecdsa.Default);

        Assert.True(TransactionGas.Intrinsic(tx.Data) <= TransactionGas.MaxIntrinsic(tx.Raw.Length));
        Assert.Equal(21_000UL + (16UL * 131_072), TransactionGas.MaxIntrinsic(131_072));
    }
}
