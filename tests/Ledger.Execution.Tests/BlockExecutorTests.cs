using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;
using Ledger.Execution.Tests.Support;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests;

public sealed class BlockExecutorTests : IDisposable
{
    private readonly TestChain _chain = new();

    public void Dispose() => _chain.Dispose();

    [Fact]
    public void Successful_call_writes_state_emits_logs_and_charges_intrinsic_plus_module_gas()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Increment]);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.True(receipt.Success);
        Assert.Equal(GasSchedule.IntrinsicGas(tx) + CounterModule.IncrementGas, receipt.GasUsed);
        Assert.Equal(receipt.GasUsed, result.GasUsed);
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(CounterA, log.Address);
        Assert.Equal([CounterModule.IncrementedTopic, CounterModule.CallerTopic(DevKeys.Address(0))], log.Topics);
        Assert.True(Bloom.MayContain(result.LogsBloom, CounterA));
        Assert.Equal(1UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterA));
        Assert.Equal(1UL, _chain.Chain.LatestState.GetNonce(DevKeys.Address(0)));
    }

    [Fact]
    public void Revert_drops_writes_and_logs_but_keeps_the_nonce_increment()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.IncrementThenRevert]);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Empty(receipt.Logs);
        Assert.Equal(ModuleResult.EncodeError("counter says no"), receipt.RevertData);
        Assert.Equal(GasSchedule.IntrinsicGas(tx) + 3_000, receipt.GasUsed);
        Assert.Equal(0UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterA));
        Assert.Equal(1UL, _chain.Chain.LatestState.GetNonce(DevKeys.Address(0)));
        var change = Assert.Single(result.Changes);
        Assert.True(change.Namespace.IsZero);
        Assert.True(result.LogsBloom.All(b => b == 0));
    }

    [Fact]
    public void Nested_call_writes_join_the_caller_and_charge_both_modules_gas()
    {
        var tx = _chain.Tx(0, CounterA, CounterModule.Call(CounterModule.CallOther, CounterB, CounterModule.Increment));

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.True(receipt.Success);
        Assert.Equal(GasSchedule.IntrinsicGas(tx) + CounterModule.CallGas + CounterModule.IncrementGas, receipt.GasUsed);
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(CounterB, log.Address);
        Assert.Equal(CounterModule.CallerTopic(CounterA), log.Topics[1]); // the nested callee sees the calling module
        Assert.Equal(1UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterB));
        Assert.Equal(0UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterA));
    }

    [Fact]
    public void A_failed_nested_call_that_the_caller_ignores_leaves_no_writes_or_logs()
    {
        var tx = _chain.Tx(0, CounterA, CounterModule.Call(CounterModule.CallOtherIgnoringFailure, CounterB, CounterModule.IncrementThenRevert));

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.True(receipt.Success);
        Assert.Equal(CounterA, Assert.Single(receipt.Logs).Address);
        Assert.Equal(0UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterB));
        Assert.Equal(1UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterA));
    }

    [Fact]
    public void Recursion_beyond_the_depth_limit_reverts()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Recurse]);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Equal(ModuleResult.EncodeError($"call depth limit of {GasSchedule.MaxCallDepth} exceeded"), receipt.RevertData);
    }

    [Fact]
    public void Module_gas_beyond_the_limit_reverts_out_of_gas_using_the_whole_limit()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Increment], gasLimit: GasSchedule.Intrinsic + CounterModule.IncrementGas - 1);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Equal(tx.GasLimit, receipt.GasUsed);
        Assert.Equal(ModuleResult.EncodeError("out of gas"), receipt.RevertData);
        Assert.Equal(0UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterA));
        Assert.Equal(1UL, _chain.Chain.LatestState.GetNonce(DevKeys.Address(0)));
    }

    [Fact]
    public void Gas_of_nested_calls_counts_against_the_transaction_limit()
    {
        var tx = _chain.Tx(0, CounterA, CounterModule.Call(CounterModule.CallOther, CounterB, CounterModule.Expensive), gasLimit: 1_000_000);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Equal(1_000_000UL, receipt.GasUsed);
        Assert.Equal(ModuleResult.EncodeError("out of gas"), receipt.RevertData);
    }

    [Fact]
    public void Call_to_an_address_without_a_module_reverts_naming_the_address()
    {
        var nowhere = Core.Primitives.Address.Parse("0x00000000000000000000000000000000deadbeef");
        var tx = _chain.Tx(0, nowhere, [CounterModule.Increment]);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Equal(ModuleResult.EncodeError($"no module at address {nowhere}"), receipt.RevertData);
        Assert.Equal(GasSchedule.IntrinsicGas(tx), receipt.GasUsed);
    }

    [Fact]
    public void Non_zero_value_reverts_because_there_is_no_native_coin()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Increment], value: 1);

        var (_, result) = _chain.Produce(tx);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Equal(ModuleResult.EncodeError(BlockExecutor.ValueTransferReason), receipt.RevertData);
        Assert.Equal(0UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterA));
    }

    [Fact]
    public void A_module_exception_reverts_with_an_internal_error_naming_the_module()
    {
        var faults = new List<string>();
        var executor = new BlockExecutor(_chain.Registry, ChainId) { OnModuleFault = (m, e) => faults.Add($"{m.Name}: {e.Message}") };
        var tx = _chain.Tx(0, CounterA, [CounterModule.Throw]);

        var result = executor.Execute(_chain.Chain.LatestState, Context(1), [tx]);

        var receipt = Assert.Single(result.Receipts);
        Assert.False(receipt.Success);
        Assert.Equal(ModuleResult.EncodeError("internal error in module CounterA"), receipt.RevertData);
        Assert.Equal(["CounterA: boom"], faults);
        Assert.DoesNotContain(result.Changes, c => c.Namespace == CounterA);
    }

    [Fact]
    public void A_wrong_nonce_makes_the_block_invalid_with_the_reason()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Increment], nonce: 5);

        var error = Assert.Throws<InvalidBlockException>(() => _chain.Executor.Execute(_chain.Chain.LatestState, Context(1), [tx]));

        Assert.Equal(0, error.TransactionIndex);
        Assert.Equal(tx.Hash, error.TransactionHash);
        Assert.Contains("nonce 5", error.Reason);
        Assert.Contains("next nonce 0", error.Reason);
    }

    [Fact]
    public void A_gas_limit_below_intrinsic_makes_the_block_invalid()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Increment], gasLimit: 20_999);

        var error = Assert.Throws<InvalidBlockException>(() => _chain.Executor.Execute(_chain.Chain.LatestState, Context(1), [tx]));

        Assert.Contains($"below the intrinsic gas {GasSchedule.IntrinsicGas(tx)}", error.Reason);
    }

    [Fact]
    public void Transactions_beyond_the_block_gas_limit_make_the_block_invalid()
    {
        var first = _chain.Tx(0, CounterA, [CounterModule.Increment], gasLimit: 80_000);
        var second = _chain.Tx(0, CounterA, [CounterModule.Increment], gasLimit: 80_000);

        var error = Assert.Throws<InvalidBlockException>(() => _chain.Executor.Execute(_chain.Chain.LatestState, Context(1, gasLimit: 100_000), [first, second]));

        Assert.Equal(1, error.TransactionIndex);
        Assert.Contains("exceeds the gas left in the block", error.Reason);
    }

    [Fact]
    public void A_transaction_without_a_recovered_sender_is_a_bug_not_an_invalid_block()
    {
        var tx = _chain.Tx(0, CounterA, [CounterModule.Increment]);
        tx.HasSender = false;

        var error = Assert.Throws<InvalidOperationException>(() => _chain.Executor.Execute(_chain.Chain.LatestState, Context(1), [tx]));

        Assert.Contains("no recovered sender", error.Message);
    }

    [Fact]
    public void Consecutive_transactions_of_one_sender_see_each_others_writes()
    {
        var txs = Enumerable.Range(0, 3).Select(_ => _chain.Tx(1, CounterA, [CounterModule.Increment])).ToArray();

        var (_, result) = _chain.Produce(txs);

        Assert.All(result.Receipts, r => Assert.True(r.Success));
        Assert.Equal([1UL, 2UL, 3UL], result.Receipts.Select(r => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(r.Output)));
        Assert.Equal(3 * (GasSchedule.IntrinsicGas(txs[0]) + CounterModule.IncrementGas), result.Receipts[^1].CumulativeGasUsed);
        Assert.Equal(3UL, _chain.Chain.LatestState.GetNonce(DevKeys.Address(1)));
    }

    [Fact]
    public void Build_leaves_out_invalid_candidates_and_reports_why()
    {
        var good = _chain.Tx(0, CounterA, [CounterModule.Increment]);
        var stale = Sign(1, CounterA, [CounterModule.Increment], nonce: 7);
        var next = _chain.Tx(0, CounterA, [CounterModule.Increment]);

        var built = _chain.Executor.Build(_chain.Chain.LatestState, Context(1), [good, stale, next]);

        Assert.Equal([good, next], built.Transactions);
        var rejected = Assert.Single(built.Rejected);
        Assert.Same(stale, rejected.Transaction);
        Assert.Contains("nonce 7", rejected.Reason);
        Assert.Equal(2, built.Result.Receipts.Count);
    }

    [Fact]
    public void Read_only_call_returns_output_and_gas_without_changing_state()
    {
        _chain.Produce(_chain.Tx(0, CounterA, [CounterModule.Increment]));

        var outcome = _chain.Executor.Call(_chain.Chain.LatestState, Context(2), DevKeys.Address(3), CounterA, [CounterModule.Get], 1_000_000);

        Assert.True(outcome.Success);
        Assert.Equal(1UL, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(outcome.Output));
        Assert.Equal(GasSchedule.IntrinsicGas([CounterModule.Get]) + CounterModule.CallGas, outcome.GasUsed);
    }

    [Fact]
    public void A_write_in_a_read_only_call_reverts_even_if_the_module_swallows_the_error()
    {
        var direct = _chain.Executor.Call(_chain.Chain.LatestState, Context(1), DevKeys.Address(3), CounterA, [CounterModule.Increment], 1_000_000);
        var swallowed = _chain.Executor.Call(_chain.Chain.LatestState, Context(1), DevKeys.Address(3), CounterA, [CounterModule.SwallowWrite], 1_000_000);

        Assert.False(direct.Success);
        Assert.Equal(BlockExecutor.ReadOnlyViolationReason, direct.RevertReason);
        Assert.False(swallowed.Success);
        Assert.Equal(BlockExecutor.ReadOnlyViolationReason, swallowed.RevertReason);
    }

    [Fact]
    public void A_simulated_state_changing_call_reports_its_gas_and_changes_nothing()
    {
        var data = CounterModule.Call(CounterModule.CallOther, CounterB, CounterModule.Increment);
        var outcome = _chain.Executor.Call(_chain.Chain.LatestState, Context(1), DevKeys.Address(3), CounterA, data, 1_000_000, allowWrites: true);

        Assert.True(outcome.Success);
        Assert.Equal(GasSchedule.IntrinsicGas(data) + CounterModule.CallGas + CounterModule.IncrementGas, outcome.GasUsed);
        Assert.Equal(0UL, CounterModule.ReadCount(_chain.Chain.LatestState, CounterB));
    }

    [Fact]
    public void Executing_the_same_block_twice_gives_identical_roots()
    {
        var txs = new[]
        {
            _chain.Tx(0, CounterA, [CounterModule.Increment]),
            _chain.Tx(1, CounterB, [CounterModule.IncrementThenRevert]),
            _chain.Tx(2, CounterA, CounterModule.Call(CounterModule.CallOther, CounterB, CounterModule.Increment)),
        };

        var first = _chain.Executor.Execute(_chain.Chain.LatestState, Context(1), txs);
        var second = _chain.Executor.Execute(_chain.Chain.LatestState, Context(1), txs);

        Assert.Equal(first.StateRoot, second.StateRoot);
        Assert.Equal(first.ReceiptsRoot, second.ReceiptsRoot);
        Assert.Equal(first.TransactionsRoot, second.TransactionsRoot);
        Assert.NotEqual(_chain.Chain.Head.Header.StateRoot, first.StateRoot);
    }
}
