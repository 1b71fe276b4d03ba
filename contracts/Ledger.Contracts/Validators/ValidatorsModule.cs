using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Validators;

/// <summary>
/// Validator set changes by vote (issue 3, item 8). A validator of the current set calls <c>voteAdd</c> or
/// <c>voteRemove</c> with its validator key; once a majority of the current set (⌊n/2⌋ + 1) has voted for the same
/// change, the module records the new set as taking effect from the next block. The consensus driver reads the set for
/// height h + 1 after committing block h (<see cref="ValidatorSetHistory"/>), so a change always applies at a block
/// boundary. Only votes of current members count: a removed validator's pending votes stop counting at once.
/// </summary>
public sealed partial class ValidatorsModule : ModuleBase
{
    public const string ModuleName = "Validators";

    /// <summary>A bound on the set (and on the size of each stored copy); far above any consortium this ledger targets.</summary>
    public const int MaxValidators = 64;

    private const ulong VoteGas = 60_000;
    private const ulong ViewGas = 5_000;

    private readonly ValidatorSetHistory _history;
    private readonly HashSet<string> _banks;
    private readonly EventDefinition _voteCast;
    private readonly EventDefinition _added;
    private readonly EventDefinition _removed;
    private readonly EventDefinition _memberVoteCast;
    private readonly EventDefinition _memberAdded;
    private readonly EventDefinition _memberRemoved;
    private readonly IReadOnlyList<MemberConfig> _genesisMembers;

    public ValidatorsModule(
        Address address, IReadOnlyList<ValidatorConfig> genesisValidators, IEnumerable<string> bankIds, IReadOnlyList<MemberConfig>? genesisMembers = null)
        : base(ModuleName, address, "Validators.json")
    {
        ArgumentNullException.ThrowIfNull(genesisValidators);
        ArgumentNullException.ThrowIfNull(bankIds);
        _history = new ValidatorSetHistory(address, genesisValidators);
        _genesisMembers = genesisMembers ?? [];
        _banks = new HashSet<string>(bankIds, StringComparer.Ordinal);
        _voteCast = DeclareEvent("ValidatorVoteCast(address,address,bool,uint256,uint256)");
        _added = DeclareEvent("ValidatorAdded(address,string,string,uint64)");
        _removed = DeclareEvent("ValidatorRemoved(address,uint64)");
        Register("voteAdd(address,string,string,uint16,uint16)", VoteGas, VoteAdd);
        Register("voteRemove(address)", VoteGas, VoteRemove);
        Register("getValidators()", ViewGas, GetValidators, view: true);
        Register("getValidatorsAt(uint64)", ViewGas, GetValidatorsAt, view: true);
        Register("isValidator(address)", ViewGas, IsValidator, view: true);
        Register("changeHeights()", ViewGas, GetChangeHeights, view: true);
        _memberVoteCast = DeclareEvent("MemberVoteCast(address,address,bool,uint256,uint256)");
        _memberAdded = DeclareEvent("MemberAdded(address,string,uint64)");
        _memberRemoved = DeclareEvent("MemberRemoved(address,uint64)");
        RegisterMemberFunctions();
    }

    /// <summary>Votes of the current set needed to change it: a majority, ⌊n/2⌋ + 1 (3 of 4, 2 of 3).</summary>
    public static int Majority(int validators) => (validators / 2) + 1;

    /// <summary>
    /// No validator set to write: an absent set means the genesis set, so chains that predate this module keep their state
    /// root. Genesis member nodes are written (when there are any), so the genesis state root commits to the allowlist.
    /// </summary>
    public override void InitializeGenesis(IModuleContext context) => InitializeMembers(context);

    private static Func<byte[], byte[]?> Reader(IModuleContext context) => key => context.GetStorage(context.Self, key);

    private byte[] GetValidators(IModuleContext context, ref AbiReader args) =>
        EncodeAddresses(_history.Current(Reader(context)));

    private byte[] GetValidatorsAt(IModuleContext context, ref AbiReader args)
    {
        var height = args.ReadUInt64("blockNumber");
        return EncodeAddresses(_history.At(Reader(context), height));
    }

    private byte[] IsValidator(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        return AbiWriter.EncodeBool(_history.Current(Reader(context)).Any(v => v.Address == account));
    }

    private static byte[] GetChangeHeights(IModuleContext context, ref AbiReader args)
    {
        var heights = ValidatorSetHistory.Heights(Reader(context));
        var writer = new List<byte>(64 + (32 * heights.Count));
        writer.AddRange(Word(32));
        writer.AddRange(Word((ulong)heights.Count));
        foreach (var height in heights)
        {
            writer.AddRange(Word(height));
        }

        return [.. writer];
    }

    /// <summary>ABI <c>address[]</c> as the only return value: offset, length, items.</summary>
    private static byte[] EncodeAddresses(IReadOnlyList<ValidatorConfig> validators)
    {
        var output = new byte[64 + (32 * validators.Count)];
        Word(32).CopyTo(output, 0);
        Word((ulong)validators.Count).CopyTo(output, 32);
        for (var i = 0; i < validators.Count; i++)
        {
            validators[i].Address.WriteTo(output.AsSpan(64 + (32 * i) + 12, Address.Length));
        }

        return output;
    }

    private static byte[] Word(ulong value) => new UInt256(value).ToBigEndian();
}
