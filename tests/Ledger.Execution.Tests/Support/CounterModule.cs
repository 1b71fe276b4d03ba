using System.Buffers.Binary;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Execution.Tests.Support;

/// <summary>
/// A tiny module for host tests: input[0] picks an operation, the rest are its arguments. Its counter lives
/// under "count"; each increment logs Incremented(caller) with the new value as data.
/// </summary>
internal sealed class CounterModule(Address address, string name) : IModule
{
    public const byte Increment = 1;
    public const byte IncrementThenRevert = 2;
    public const byte Get = 3;
    public const byte CallOther = 4;
    public const byte Throw = 5;
    public const byte Expensive = 6;
    public const byte Recurse = 7;
    public const byte CallOtherIgnoringFailure = 8;
    public const byte SwallowWrite = 9;

    public const ulong IncrementGas = 5_000;
    public const ulong CallGas = 1_000;
    public const ulong ExpensiveGas = 10_000_000;

    public static readonly Hash32 IncrementedTopic = Keccak256.Hash("Incremented(address)"u8);

    public static ReadOnlySpan<byte> CountKey => "count"u8;

    public static ReadOnlySpan<byte> GenesisKey => "genesis"u8;

    public string Name => name;

    public Address Address => address;

    public string AbiJson => "[]";

    public static Hash32 CallerTopic(Address caller)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        caller.WriteTo(word[12..]);
        return new Hash32(word);
    }

    public static byte[] Call(byte op, Address target, params byte[] payload) => [op, .. target.ToArray(), .. payload];

    public static ulong ReadCount(Ledger.Execution.State.IStateView state, Address module) =>
        state.Get(module, CountKey) is { } value ? BinaryPrimitives.ReadUInt64BigEndian(value) : 0;

    public ModuleResult Call(IModuleContext context, ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return ModuleResult.Revert("empty input", 0);
        }

        switch (input[0])
        {
            case Increment:
                return ModuleResult.Ok(Bump(context), IncrementGas);
            case IncrementThenRevert:
                Bump(context);
                return ModuleResult.Revert("counter says no", 3_000);
            case Get:
                return ModuleResult.Ok(context.GetStorage(Address, CountKey) ?? new byte[8], CallGas);
            case CallOther:
                {
                    var result = context.CallModule(new Address(input[1..21]), input[21..]);
                    return result.Success ? ModuleResult.Ok(result.Output, CallGas) : ModuleResult.Revert(result.RevertReason ?? "nested call failed", CallGas);
                }

            case CallOtherIgnoringFailure:
                context.CallModule(new Address(input[1..21]), input[21..]);
                return ModuleResult.Ok(Bump(context), CallGas);
            case Throw:
                Bump(context);
                throw new InvalidOperationException("boom");
            case Expensive:
                return ModuleResult.Ok([], ExpensiveGas);
            case Recurse:
                {
                    var result = context.CallModule(Address, [Recurse]);
                    return result.Success ? ModuleResult.Ok([], 10) : ModuleResult.Revert(result.RevertReason ?? "nested call failed", 10);
                }

            case SwallowWrite:
                try
                {
                    context.SetStorage("x"u8, [1]);
                }
                catch (Exception)
                {
                    // A badly written module that hides the failure: the host must still revert the call.
                }

                return ModuleResult.Ok([], 100);
            default:
                return ModuleResult.Revert("unknown op", 0);
        }
    }

    public void InitializeGenesis(IModuleContext context)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, context.TimestampMs);
        context.SetStorage(GenesisKey, bytes);
    }

    private byte[] Bump(IModuleContext context)
    {
        var current = context.GetStorage(Address, CountKey);
        var next = (current is null ? 0 : BinaryPrimitives.ReadUInt64BigEndian(current)) + 1;
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, next);
        context.SetStorage(CountKey, bytes);
        context.EmitLog([IncrementedTopic, CallerTopic(context.Caller)], bytes);
        return bytes;
    }
}
