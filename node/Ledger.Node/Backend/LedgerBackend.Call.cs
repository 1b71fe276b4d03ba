using Ledger.Core.Primitives;
using Ledger.Execution.Processing;
using Ledger.Execution.State;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>
    /// Simulates a call on the state after <paramref name="blockNumber"/>, as geth's eth_call: state changes are
    /// allowed and thrown away (so <c>transfer</c> can be simulated and estimated). Failures that are not the
    /// module's revert (no module, value, out of gas) come back as <see cref="CallOutcome.Error"/>.
    /// </summary>
    public CallOutcome Call(CallRequest request, ulong blockNumber)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To is not { } to)
        {
            return Failed(BlockExecutor.ContractCreationReason);
        }

        if (!request.Value.IsZero)
        {
            return Failed(BlockExecutor.ValueTransferReason);
        }

        if (_chain.Registry.Find(to) is null)
        {
            return Failed($"no module at address {to.ToChecksumString()}; see ledger_getModules");
        }

        IStateView state;
        try
        {
            state = _chain.StateAt(blockNumber);
        }
        catch (ArgumentOutOfRangeException)
        {
            return Failed($"block {blockNumber} does not exist yet (head is {_chain.HeadNumber})");
        }
        catch (NotSupportedException)
        {
            return Failed($"the state of block {blockNumber} is no longer kept by this node; call at 'latest' or a recent block");
        }

        var header = _chain.GetHeader(blockNumber) ?? _chain.Head.Header;
        var context = new BlockContext(header.Number, header.TimestampMs, header.Proposer, BlockGasLimit, ChainId);
        var gas = request.Gas ?? BlockGasLimit;
        var outcome = _executor.Call(state, context, request.From ?? Address.Zero, to, request.Data, gas, allowWrites: true);
        if (!outcome.Success && outcome.RevertReason == BlockExecutor.OutOfGasReason)
        {
            return new CallOutcome(false, [], outcome.GasUsed, null, $"out of gas: the call needs more than {gas} gas");
        }

        return new CallOutcome(outcome.Success, outcome.Output, outcome.GasUsed, outcome.Success ? null : outcome.RevertReason);
    }

    private static CallOutcome Failed(string error) => new(false, [], 0, null, error);
}
