using System.Buffers.Binary;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts;

/// <summary>
/// The common shape of a module: a dispatch table from 4-byte selector to handler, registered by Solidity
/// signature with a fixed gas cost, and the translation of every expected failure into an <c>Error(string)</c>
/// revert. Subclasses register their functions and events in the constructor; after that the tables are
/// read-only, so concurrent calls (eth_call next to block execution) are safe.
/// </summary>
public abstract class ModuleBase : IModule
{
    private readonly Dictionary<uint, ModuleFunction> _functions = [];
    private readonly List<ModuleFunction> _ordered = [];
    private readonly List<EventDefinition> _events = [];
    private readonly string _abiFileName;

    // Extra gas a handler charges for work that grows with its input (batch items, tokens touched by a recovery).
    // Per thread and saved around each call, so nested module calls on the same thread keep their own counts.
    [ThreadStatic]
    private static ulong _extraGas;

    protected ModuleBase(string name, Address address, string abiFileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Address = address;
        _abiFileName = abiFileName;
    }

    public string Name { get; }

    public Address Address { get; }

    public string AbiJson => AbiResources.Load(_abiFileName);

    /// <summary>Registered functions in registration order.</summary>
    public IReadOnlyList<ModuleFunction> Functions => _ordered;

    /// <summary>Registered selectors (for tests and tooling).</summary>
    public IReadOnlyCollection<uint> Selectors => _functions.Keys;

    /// <summary>Registered canonical function signatures, e.g. "transfer(address,uint256)".</summary>
    public IEnumerable<string> Signatures => _ordered.Select(f => f.Signature);

    /// <summary>Canonical signatures of the events this module emits.</summary>
    public IReadOnlyList<EventDefinition> Events => _events;

    /// <summary>The function registered for <paramref name="signature"/>, or null.</summary>
    public ModuleFunction? FindFunction(string signature) =>
        _functions.GetValueOrDefault(AbiSelector.Of(signature)) is { } f && f.Signature == signature ? f : null;

    public ModuleResult Call(IModuleContext context, ReadOnlySpan<byte> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input.IsEmpty)
        {
            return ModuleResult.Revert($"empty calldata: call a function of {Name}", 0);
        }

        if (input.Length < AbiSelector.Length)
        {
            return ModuleResult.Revert(
                $"calldata of {input.Length} bytes is too short for a 4-byte function selector of {Name}", 0);
        }

        var selector = BinaryPrimitives.ReadUInt32BigEndian(input);
        if (!_functions.TryGetValue(selector, out var function))
        {
            return ModuleResult.Revert($"unknown function selector {AbiSelector.Format(selector)} for module {Name}", 0);
        }

        var outerExtraGas = _extraGas;
        _extraGas = 0;
        try
        {
            var output = function.Handler(context, input[AbiSelector.Length..]);
            return ModuleResult.Ok(output, SaturatingAdd(function.Gas, _extraGas));
        }
        catch (RevertException revert)
        {
            return ModuleResult.Revert(revert.Message, SaturatingAdd(function.Gas, _extraGas));
        }
        catch (AbiException abi)
        {
            return ModuleResult.Revert(abi.Message, SaturatingAdd(function.Gas, _extraGas));
        }
        finally
        {
            _extraGas = outerExtraGas;
        }
    }

    public abstract void InitializeGenesis(IModuleContext context);

    /// <summary>Registers a function under its canonical signature; a duplicate or clashing selector is a bug.</summary>
    protected void Register(string signature, ulong gas, ModuleHandler handler, bool view = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RegisterRaw(signature, gas, (context, arguments) =>
        {
            var args = new AbiReader(arguments, signature);
            return handler(context, ref args);
        }, view);
    }

    /// <summary>Registers a function that decodes its own arguments (dynamic arrays, which <see cref="AbiReader"/> lacks).</summary>
    protected void RegisterRaw(string signature, ulong gas, RawModuleHandler handler, bool view = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var function = new ModuleFunction(signature, AbiSelector.Of(signature), gas, view, handler);
        if (!_functions.TryAdd(function.Selector, function))
        {
            throw new InvalidOperationException(
                $"{Name}: '{signature}' and '{_functions[function.Selector].Signature}' share selector {AbiSelector.Format(function.Selector)}");
        }

        _ordered.Add(function);
    }

    /// <summary>Declares an event this module emits (listed in <see cref="Events"/> for the ABI agreement test).</summary>
    protected EventDefinition DeclareEvent(EventDefinition definition)
    {
        _events.Add(definition);
        return definition;
    }

    protected EventDefinition DeclareEvent(string signature) => DeclareEvent(new EventDefinition(signature));

    /// <summary>Emits <paramref name="definition"/> with topic0 and the given indexed topics.</summary>
    protected static void Emit(IModuleContext context, EventDefinition definition, byte[] data, params ReadOnlySpan<Hash32> indexed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(definition);
        var topics = new Hash32[1 + indexed.Length];
        topics[0] = definition.Topic0;
        indexed.CopyTo(topics.AsSpan(1));
        context.EmitLog(topics, data);
    }

    /// <summary>
    /// Adds <paramref name="gas"/> to the current call's fixed cost, for work proportional to the input (each item
    /// of a batch). Deterministic: it depends only on the calldata and state, like everything a module does.
    /// </summary>
    protected static void ChargeGas(ulong gas) => _extraGas = SaturatingAdd(_extraGas, gas);

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;

    /// <summary>Reverts with <paramref name="reason"/> (Solidity's <c>revert</c>).</summary>
    protected static RevertException Revert(string reason) => new(reason);

    /// <summary>Solidity's <c>require</c>: reverts with <paramref name="reason"/> when the condition is false.</summary>
    protected static void Require(bool condition, string reason)
    {
        if (!condition)
        {
            throw new RevertException(reason);
        }
    }
}
