using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Execution.Processing;

/// <summary>What every frame of one top-level call shares: the block, the origin, the mode and the gas of nested calls.</summary>
internal sealed class CallScope(ModuleRegistry registry, BlockContext block, Address origin, bool isReadOnly, Action<IModule, Exception>? onModuleFault)
{
    public ModuleRegistry Registry { get; } = registry;

    public BlockContext Block { get; } = block;

    public Address Origin { get; } = origin;

    public bool IsReadOnly { get; } = isReadOnly;

    public Action<IModule, Exception>? OnModuleFault { get; } = onModuleFault;

    /// <summary>Gas reported by nested module calls (added by the host to the top-level module's own gas).</summary>
    public ulong NestedGas { get; set; }

    /// <summary>Set by a write in read-only mode, so the call reverts even if the module swallowed the exception.</summary>
    public bool ReadOnlyViolated { get; set; }
}
