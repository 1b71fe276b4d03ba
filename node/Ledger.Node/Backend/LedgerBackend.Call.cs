using Ledger.Core.Primitives;
using Ledger.Execution.Processing;
using Ledger.Execution.State;
using Ledger.JsonRpc;
using Ledger.JsonRpc.Parameters;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>
    /// Simulates a call on the state after <paramref name="blockNumber"/>, as geth's eth_call: state changes are
    /// allowed and thrown away (so <c>transfer</c> can be simulated and estimated). Failures that are not the
    /// module's revert (no module, value, out of gas) come back as <see cref="CallOutcome.Error"/>.
    /// </summary>
    public CallOutcome Call(CallRequest request, ulong blockNumber) => Call(request, blockNumber, []);

    /// <summary>
    /// <see cref="Call(CallRequest, ulong)"/> with state overrides on top of the block's state: nonces, and module
    /// storage patched (stateDiff) or replaced whole (state), keyed by the module's own storage keys.
    /// </summary>
    public CallOutcome Call(CallRequest request, ulong blockNumber, IReadOnlyList<AccountOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(overrides);
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
        catch (StateNotRetainedException e)
        {
            return Failed(e.Message);
        }

        var executor = _executor;
        OverrideReadTracker? reads = null;
        ModuleFault? fault = null;
        if (overrides.Count > 0)
        {
            state = reads = new OverrideReadTracker(ApplyOverrides(state, overrides), overrides);

            // This call's own executor, so a module failing on the client's overridden storage is caught here and
            // answered to the client, instead of being logged as a module bug (with a stack trace) on every call.
            executor = new BlockExecutor(_executor.Registry, _executor.ChainId) { OnModuleFault = (module, e) => fault ??= new ModuleFault(module, e) };
        }

        var header = _chain.GetHeader(blockNumber) ?? _chain.Head.Header;
        var context = new BlockContext(header.Number, header.TimestampMs, header.Proposer, BlockGasLimit, ChainId);
        var gas = request.Gas ?? BlockGasLimit;
        var outcome = executor.Call(state, context, request.From ?? Address.Zero, to, request.Data, gas, allowWrites: true);
        if (fault is not null)
        {
            if (reads?.LastOverriddenField is { } field)
            {
                throw new ArgPath(2, field).Error(
                    $"module {fault.Module.Name} failed on this overridden storage ({fault.Exception.Message}); override values must be in the module's own storage format");
            }

            // No overridden value was read: a module bug like any other, reported the same way.
            _executor.OnModuleFault?.Invoke(fault.Module, fault.Exception);
        }

        if (!_chain.IsStateRetained(blockNumber))
        {
            // The block's diffs were pruned during the call, so it may have read a newer value (a module fault).
            return Failed(new StateNotRetainedException(blockNumber, _chain.World.History.Window).Message);
        }

        if (!outcome.Success && outcome.RevertReason == BlockExecutor.OutOfGasReason)
        {
            return new CallOutcome(false, [], outcome.GasUsed, null, $"out of gas: the call needs more than {gas} gas");
        }

        return new CallOutcome(outcome.Success, outcome.Output, outcome.GasUsed, outcome.Success ? null : outcome.RevertReason);
    }

    private static OverriddenStateView ApplyOverrides(IStateView state, IReadOnlyList<AccountOverride> overrides)
    {
        var view = new OverriddenStateView(state);
        foreach (var account in overrides)
        {
            if (account.Nonce is { } nonce)
            {
                view.SetNonce(account.Address, nonce);
            }

            if (account.State is not null)
            {
                view.ReplaceNamespace(account.Address);
            }

            foreach (var (key, value) in account.State ?? account.StateDiff ?? [])
            {
                view.Set(account.Address, key, value);
            }
        }

        return view;
    }

    private static CallOutcome Failed(string error) => new(false, [], 0, null, error);

    private sealed record ModuleFault(Execution.Modules.IModule Module, Exception Exception);
}
