using System.Buffers.Binary;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Contracts.Validators;

/// <summary>
/// Reads the validator set in force at a height from the <see cref="ValidatorsModule"/>'s storage: the genesis set until
/// the first change, then the set recorded for the latest change height at or below it. The whole history stays in
/// state (changes are rare), so any height can be answered from the latest state — block sync and
/// <c>qbft_getValidatorsByBlockNumber</c> need no historical state.
/// </summary>
public sealed class ValidatorSetHistory
{
    internal const byte CurrentTag = 0x01;
    internal const byte HeightsTag = 0x02;
    internal const byte SetAtTag = 0x03;

    private readonly Address _module;
    private readonly IReadOnlyList<ValidatorConfig> _genesis;

    public ValidatorSetHistory(Address module, IReadOnlyList<ValidatorConfig> genesisValidators)
    {
        ArgumentNullException.ThrowIfNull(genesisValidators);
        _module = module;
        _genesis = genesisValidators;
    }

    /// <summary>The history of a genesis with a Validators module, or null when it has none (the set is then fixed).</summary>
    public static ValidatorSetHistory? FromGenesis(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return genesis.Modules.TryGetValue(ValidatorsModule.ModuleName, out var address) ? new ValidatorSetHistory(address, genesis.Validators) : null;
    }

    public Address Module => _module;

    public IReadOnlyList<ValidatorConfig> GenesisValidators => _genesis;

    /// <summary>The set that certifies block <paramref name="height"/>, read from <paramref name="state"/> (any state at or after
    /// the block before it).</summary>
    public IReadOnlyList<ValidatorConfig> At(IStateView state, ulong height)
    {
        ArgumentNullException.ThrowIfNull(state);
        return At(key => state.Get(_module, key), height);
    }

    /// <summary>The latest set, read from <paramref name="state"/> (the set votes are counted against).</summary>
    public IReadOnlyList<ValidatorConfig> Latest(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Current(key => state.Get(_module, key));
    }

    /// <summary>The heights at which the set changed (ascending), each the first block certified by the new set.</summary>
    public IReadOnlyList<ulong> ChangeHeights(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Heights(key => state.Get(_module, key));
    }

    internal IReadOnlyList<ValidatorConfig> At(Func<byte[], byte[]?> read, ulong height)
    {
        var heights = Heights(read);
        for (var i = heights.Count - 1; i >= 0; i--)
        {
            if (heights[i] <= height)
            {
                var stored = read(SetAtKey(heights[i]))
                    ?? throw new InvalidOperationException($"the validator set recorded for block {heights[i]} is missing from state");
                return ValidatorSetCodec.Decode(stored);
            }
        }

        return _genesis;
    }

    /// <summary>The latest set (what votes are counted against).</summary>
    internal IReadOnlyList<ValidatorConfig> Current(Func<byte[], byte[]?> read) =>
        read([CurrentTag]) is { } stored ? ValidatorSetCodec.Decode(stored) : _genesis;

    internal static List<ulong> Heights(Func<byte[], byte[]?> read) =>
        read([HeightsTag]) is { } stored ? ValidatorSetCodec.DecodeHeights(stored) : [];

    internal static byte[] SetAtKey(ulong height)
    {
        var key = new byte[9];
        key[0] = SetAtTag;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), height);
        return key;
    }
}
