using System.Text;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Validators;

/// <summary>
/// The member node allowlist (DESIGN §10 "Node roles", issue 14 item 1): nodes that peer and sync but never vote. The
/// same voting shape as validator changes: a validator of the current set votes, a majority (⌊n/2⌋ + 1) of the current
/// set applies the change in the block that completes it, and each node's peer network follows the list from the next
/// block on (a revoked member's streams close and its handshakes and sync requests are refused).
/// </summary>
public sealed partial class ValidatorsModule
{
    private const byte MemberVotesTag = 0x06;

    private void RegisterMemberFunctions()
    {
        Register("voteAddMember(address,string)", VoteGas, VoteAddMember);
        Register("voteRemoveMember(address)", VoteGas, VoteRemoveMember);
        Register("getMembers()", ViewGas, GetMembers, view: true);
        Register("isMember(address)", ViewGas, IsMember, view: true);
    }

    private void InitializeMembers(IModuleContext context)
    {
        if (_genesisMembers.Count > 0)
        {
            context.SetStorage([MemberAllowlist.CurrentTag], MemberListCodec.Encode(_genesisMembers));
        }
    }

    private byte[] VoteAddMember(IModuleContext context, ref AbiReader args)
    {
        var candidate = args.ReadAddress("member");
        var bank = args.ReadString("bank");
        var read = Reader(context);
        var validators = _history.Current(read);
        var voter = RequireMember(context, validators);
        var members = MemberAllowlist.Current(read);
        Require(candidate != Address.Zero, "the zero address cannot be a member node");
        Require(validators.All(v => v.Address != candidate), $"{candidate} is a validator; a validator already peers");
        Require(members.All(m => m.Address != candidate), $"{candidate} is already a member node");
        Require(members.Count < GenesisRules.MaxMembers, $"the member node list is full ({GenesisRules.MaxMembers} members)");
        Require(_banks.Contains(bank), $"bank '{bank}' is not a bank of this consortium ({string.Join(", ", _banks.Order(StringComparer.Ordinal))})");
        var joining = new MemberConfig(bank, candidate);
        return TallyMember(context, validators.Count, validators.Select(v => v.Address).ToHashSet(), voter, joining, () => [.. members, joining]);
    }

    private byte[] VoteRemoveMember(IModuleContext context, ref AbiReader args)
    {
        var candidate = args.ReadAddress("member");
        var read = Reader(context);
        var validators = _history.Current(read);
        var voter = RequireMember(context, validators);
        var members = MemberAllowlist.Current(read);
        var leaving = members.FirstOrDefault(m => m.Address == candidate) ?? throw Revert($"{candidate} is not a member node");
        return TallyMember(
            context, validators.Count, validators.Select(v => v.Address).ToHashSet(), voter, leaving with { Bank = string.Empty },
            () => [.. members.Where(m => m.Address != candidate)]);
    }

    private byte[] GetMembers(IModuleContext context, ref AbiReader args)
    {
        var members = MemberAllowlist.Current(Reader(context));
        var output = new byte[64 + (32 * members.Count)];
        Word(32).CopyTo(output, 0);
        Word((ulong)members.Count).CopyTo(output, 32);
        for (var i = 0; i < members.Count; i++)
        {
            members[i].Address.WriteTo(output.AsSpan(64 + (32 * i) + 12, Address.Length));
        }

        return output;
    }

    private byte[] IsMember(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        return AbiWriter.EncodeBool(MemberAllowlist.Current(Reader(context)).Any(m => m.Address == account));
    }

    /// <summary>
    /// Records the vote; applies the change once a majority of the current validators agrees. An empty bank marks a
    /// removal (an add always names a bank of the consortium), so votes are kept per exact change as for validators.
    /// </summary>
    private byte[] TallyMember(
        IModuleContext context, int validatorCount, HashSet<Address> validators, Address voter, MemberConfig subject, Func<List<MemberConfig>> updated)
    {
        var add = subject.Bank.Length > 0;
        var key = MemberVotesKey(subject);
        var voters = context.GetStorage(context.Self, key) is { } stored ? DecodeVoters(stored) : [];
        Require(!voters.Contains(voter), $"{voter} already voted to {(add ? "add" : "remove")} member {subject.Address}");
        voters.Add(voter);

        // Only validators of the current set count: a removed validator's earlier votes are void.
        var votes = voters.Count(validators.Contains);
        var needed = Majority(validatorCount);
        Emit(
            context,
            _memberVoteCast,
            new AbiWriter(3).WriteBool(add).WriteUInt64((ulong)votes).WriteUInt64((ulong)needed).ToArray(),
            AddressTopic(subject.Address),
            AddressTopic(voter));
        if (votes < needed)
        {
            context.SetStorage(key, EncodeVoters(voters));
            return AbiWriter.EncodeBool(false);
        }

        context.SetStorage(key, []);
        context.SetStorage([MemberAllowlist.CurrentTag], MemberListCodec.Encode(updated()));
        var effective = context.BlockNumber + 1;
        if (add)
        {
            Emit(context, _memberAdded, new AbiWriter(2).WriteString(subject.Bank).WriteUInt64(effective).ToArray(), AddressTopic(subject.Address));
        }
        else
        {
            Emit(context, _memberRemoved, new AbiWriter(1).WriteUInt64(effective).ToArray(), AddressTopic(subject.Address));
        }

        return AbiWriter.EncodeBool(true);
    }

    private static byte[] MemberVotesKey(MemberConfig subject)
    {
        var writer = new RlpWriter(64).StartList().WriteAddress(subject.Address).WriteBytes(Encoding.UTF8.GetBytes(subject.Bank)).EndList();
        var key = new byte[1 + Hash32.Length];
        key[0] = MemberVotesTag;
        Keccak256.Hash(writer.WrittenSpan).WriteTo(key.AsSpan(1));
        return key;
    }
}
