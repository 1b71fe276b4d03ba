using Ledger.Core.Crypto;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.Execution.Tests.Pool;
using Ledger.Execution.Tests.Support;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Processing;

/// <summary>
/// Calldata is priced in gas (EIP-2028) everywhere a gas figure is computed: receipts, eth_call/eth_estimateGas, block
/// validity and pool admission. Without it, megabytes of calldata cost 21,000 gas and the block gas limit bounds nothing.
/// </summary>
public sealed class CalldataGasTests : IDisposable
{
    private readonly TestChain _chain = new();

    public void Dispose() => _chain.Dispose();

    [Fact]
    public void A_receipt_charges_the_calldata_on_top_of_the_module_gas()
    {
        var padded = Padded(CounterModule.Increment, zeros: 1_000, nonZeros: 500);
        var tx = _chain.Tx(0, CounterA, padded, gasLimit: 200_000);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.True(receipt.Success);
        Assert.Equal(21_000UL + 16 + (1_000 * 4) + (500 * 16) + CounterModule.IncrementGas, receipt.GasUsed);
    }

    [Fact]
    public void A_simulated_call_reports_the_calldata_gas_that_eth_estimateGas_returns()
    {
        var plain = _chain.Executor.Call(_chain.Chain.LatestState, Context(1), DevKeys.Address(3), CounterA, [CounterModule.Get], 1_000_000);
        var padded = _chain.Executor.Call(
            _chain.Chain.LatestState, Context(1), DevKeys.Address(3), CounterA, Padded(CounterModule.Get, zeros: 100, nonZeros: 100), 1_000_000);

        Assert.True(plain.Success && padded.Success);
        Assert.Equal((100 * 4) + (100 * 16), (long)(padded.GasUsed - plain.GasUsed));
    }

    [Fact]
    public void A_gas_limit_that_covers_21000_and_the_module_but_not_the_calldata_makes_the_block_invalid()
    {
        var data = Padded(CounterModule.Increment, zeros: 0, nonZeros: 1_000);
        var tx = _chain.Tx(0, CounterA, data, gasLimit: 21_000 + CounterModule.IncrementGas + 1_000);

        var error = Assert.Throws<InvalidBlockException>(() => _chain.Executor.Execute(_chain.Chain.LatestState, Context(1), [tx]));

        Assert.Contains($"below the intrinsic gas {GasSchedule.IntrinsicGas(data)}", error.Reason);
    }

    [Fact]
    public void The_pool_refuses_a_gas_limit_below_the_calldata_price_and_names_it()
    {
        var pool = new PoolFixture();
        var large = PoolFixture.Transfer(0) with { Data = new byte[2_000], GasLimit = 22_000 };
        Array.Fill(large.Data, (byte)7);

        var refused = pool.Admit(1, large);
        var admitted = pool.Admit(1, large with { GasLimit = GasSchedule.IntrinsicGas(large.Data) });

        Assert.Equal(AdmissionError.GasTooLow, refused.Error);
        Assert.Contains($"below {21_000 + (2_000 * 16)}", refused.Message, StringComparison.Ordinal);
        Assert.True(admitted.IsAccepted, admitted.Message);
    }

    private static byte[] Padded(byte op, int zeros, int nonZeros)
    {
        var data = new byte[1 + zeros + nonZeros];
        data[0] = op;
        data.AsSpan(1 + zeros).Fill(0x5a);
        return data;
    }
}
