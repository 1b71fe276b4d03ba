using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Processing;

public sealed partial class BlockExecutor
{
    public const string OutOfGasReason = "out of gas";

    public const string ValueTransferReason = "value transfers are not supported: Ledger has no native coin";

    public const string ContractCreationReason = "contract creation is not supported: Ledger runs native modules at fixed addresses, not EVM code";

    public const string ReadOnlyViolationReason = "state change in a read-only call";

    public static string NoModuleReason(Address address) => $"no module at address {address}";

    /// <summary>
    /// Simulates a call (eth_call) on <paramref name="state"/>. Never changes state: writes land in a throwaway
    /// overlay. With <paramref name="allowWrites"/> false a write or log reverts the call; eth_estimateGas passes
    /// true to simulate a state-changing call. <see cref="ModuleCallOutcome.GasUsed"/> includes the intrinsic gas (base and calldata).
    /// </summary>
    public ModuleCallOutcome Call(IStateView state, BlockContext context, Address from, Address to, byte[] data, ulong gasLimit, bool allowWrites = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var outcome = Run(new StagingOverlay(state), context, from, to, data, UInt256.Zero, gasLimit, isReadOnly: !allowWrites);
        return new ModuleCallOutcome(outcome.Success, outcome.Output, outcome.GasUsed, outcome.RevertReason);
    }

    /// <summary>
    /// One top-level call into <paramref name="overlay"/>. On failure the overlay holds garbage and the caller
    /// must drop it; on success the caller merges it.
    /// </summary>
    private FrameOutcome Run(StagingOverlay overlay, BlockContext context, Address origin, Address? to, ReadOnlySpan<byte> data, UInt256 value, ulong gasLimit, bool isReadOnly)
    {
        // Calldata is priced before anything runs (EIP-2028), so a call's gas covers the bytes it carries.
        var intrinsic = GasSchedule.IntrinsicGas(data);
        if (gasLimit < intrinsic)
        {
            return FrameOutcome.Revert(OutOfGasReason, gasLimit);
        }

        if (to is not { } target)
        {
            return FrameOutcome.Revert(ContractCreationReason, intrinsic);
        }

        var module = _registry.Find(target);
        if (module is null)
        {
            return FrameOutcome.Revert(NoModuleReason(target), intrinsic);
        }

        if (!value.IsZero)
        {
            return FrameOutcome.Revert(ValueTransferReason, intrinsic);
        }

        var scope = new CallScope(_registry, context, origin, isReadOnly, OnModuleFault);
        var frame = new ModuleContext(scope, origin, target, overlay, depth: 0);
        Modules.ModuleResult result;
        try
        {
            result = ModuleContext.Invoke(module, frame, data);
        }
        catch (ReadOnlyViolationException)
        {
            result = Modules.ModuleResult.Revert(ReadOnlyViolationReason, 0);
        }

        var gasUsed = GasSchedule.SaturatingAdd(GasSchedule.SaturatingAdd(intrinsic, result.GasUsed), scope.NestedGas);
        if (gasUsed > gasLimit)
        {
            return FrameOutcome.Revert(OutOfGasReason, gasLimit);
        }

        if (scope.ReadOnlyViolated)
        {
            // The module caught the violation and carried on; the call still must not look successful.
            return FrameOutcome.Revert(ReadOnlyViolationReason, gasUsed);
        }

        return result.Success
            ? new FrameOutcome(true, result.Output, gasUsed, null, frame.Logs)
            : new FrameOutcome(false, result.Output, gasUsed, result.RevertReason ?? "reverted", []);
    }
}
