using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Processing;

/// <summary>
/// One frame of module execution: reads through, and writes into, its own staging overlay. A nested
/// <see cref="CallModule"/> gets a child overlay and log list that join this frame only if it succeeds,
/// so a module that handles a failed sub-call keeps none of the sub-call's effects (as in the EVM).
/// </summary>
internal sealed class ModuleContext : IModuleContext
{
    private readonly CallScope _scope;
    private readonly StagingOverlay _overlay;
    private readonly int _depth;
    private List<LogEntry>? _logs;

    public ModuleContext(CallScope scope, Address caller, Address self, StagingOverlay overlay, int depth)
    {
        _scope = scope;
        Caller = caller;
        Self = self;
        _overlay = overlay;
        _depth = depth;
    }

    public Address Caller { get; }

    public Address Origin => _scope.Origin;

    public Address Self { get; }

    public ulong BlockNumber => _scope.Block.Number;

    public ulong TimestampMs => _scope.Block.TimestampMs;

    public bool IsReadOnly => _scope.IsReadOnly;

    public ulong ChainId => _scope.Block.ChainId;

    public IReadOnlyList<LogEntry> Logs => (IReadOnlyList<LogEntry>?)_logs ?? [];

    public byte[]? GetStorage(Address module, ReadOnlySpan<byte> key) => _overlay.Get(module, key);

    public void SetStorage(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        EnsureWritable();
        if (key.IsEmpty || key.Length > StateKeys.MaxKeyLength)
        {
            throw new ArgumentException($"module {Self}: a storage key is 1..{StateKeys.MaxKeyLength} bytes, got {key.Length}", nameof(key));
        }

        if (value.Length > StateKeys.MaxValueLength)
        {
            throw new ArgumentException($"module {Self}: a stored value is at most {StateKeys.MaxValueLength} bytes, got {value.Length}", nameof(value));
        }

        _overlay.Set(Self, key, value);
    }

    public void EmitLog(IReadOnlyList<Hash32> topics, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(data);
        EnsureWritable();
        if (topics.Count > 4)
        {
            throw new ArgumentException($"module {Self}: a log has at most 4 topics, got {topics.Count}", nameof(topics));
        }

        // Copies: the log outlives the call and the module may reuse its buffers.
        (_logs ??= []).Add(new LogEntry(Self, [.. topics], data.ToArray()));
    }

    public ModuleResult CallModule(Address target, ReadOnlySpan<byte> input)
    {
        if (_depth >= GasSchedule.MaxCallDepth)
        {
            return ModuleResult.Revert($"call depth limit of {GasSchedule.MaxCallDepth} exceeded", 0);
        }

        var module = _scope.Registry.Find(target);
        if (module is null)
        {
            return ModuleResult.Revert(BlockExecutor.NoModuleReason(target), 0);
        }

        var child = new ModuleContext(_scope, Self, target, new StagingOverlay(_overlay), _depth + 1);
        var result = Invoke(module, child, input);
        _scope.NestedGas = GasSchedule.SaturatingAdd(_scope.NestedGas, result.GasUsed);
        if (result.Success)
        {
            child._overlay.MergeInto(_overlay);
            if (child._logs is not null)
            {
                (_logs ??= []).AddRange(child._logs);
            }
        }

        return result;
    }

    /// <summary>
    /// Runs a module. A thrown exception is a module bug: the call reverts with a fixed reason that names only
    /// the module (never the exception text, which could differ between nodes). Exceptions that say nothing
    /// about the module but about this node (out of memory, stack, storage failure) propagate: failing
    /// the block here is safer than committing a result other nodes would not reproduce.
    /// </summary>
    public static ModuleResult Invoke(IModule module, ModuleContext context, ReadOnlySpan<byte> input)
    {
        ModuleResult result;
        try
        {
            result = module.Call(context, input);
        }
        catch (Exception e) when (e is not (ReadOnlyViolationException or OutOfMemoryException or InsufficientExecutionStackException or StorageFailedException))
        {
            context._scope.OnModuleFault?.Invoke(module, e);
            return ModuleResult.Revert($"internal error in module {module.Name}", 0);
        }

        // default(ModuleResult) has a null output; treat it as empty rather than crash later.
        return result.Output is null ? result with { Output = [] } : result;
    }

    private void EnsureWritable()
    {
        if (_scope.IsReadOnly)
        {
            _scope.ReadOnlyViolated = true;
            throw new ReadOnlyViolationException();
        }
    }
}
