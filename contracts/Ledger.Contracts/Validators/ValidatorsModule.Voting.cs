using System.Text;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Validators;

public sealed partial class ValidatorsModule
{
    private const byte VotesTag = 0x04;
    private const int MaxHostLength = 253;

    private byte[] VoteAdd(IModuleContext context, ref AbiReader args)
    {
        var candidate = args.ReadAddress("validator");
        var bank = args.ReadString("bank");
        var host = args.ReadString("host");
        var grpcPort = ReadPort(ref args, "grpcPort");
        var rpcPort = ReadPort(ref args, "rpcPort");
        var read = Reader(context);
        var current = _history.Current(read);
        var voter = RequireMember(context, current);
        Require(candidate != Address.Zero, "the zero address cannot be a validator");
        Require(current.All(v => v.Address != candidate), $"{candidate} is already a validator");
        Require(current.Count < MaxValidators, $"the validator set is full ({MaxValidators} validators)");
        Require(_banks.Contains(bank), $"bank '{bank}' is not a bank of this consortium ({string.Join(", ", _banks.Order(StringComparer.Ordinal))})");
        Require(
            host.Length is > 0 and <= MaxHostLength && !host.Any(char.IsWhiteSpace),
            $"host '{host}' must be a host name or IP address of 1 to {MaxHostLength} characters without spaces");
        var joining = new ValidatorConfig(bank, candidate, host, grpcPort, rpcPort);
        return Tally(context, current, voter, add: true, joining);
    }

    private byte[] VoteRemove(IModuleContext context, ref AbiReader args)
    {
        var candidate = args.ReadAddress("validator");
        var current = _history.Current(Reader(context));
        var voter = RequireMember(context, current);
        var leaving = current.FirstOrDefault(v => v.Address == candidate)
            ?? throw Revert($"{candidate} is not a validator of the current set");
        Require(current.Count > 1, "the last validator cannot be removed: the chain would stop");
        return Tally(context, current, voter, add: false, leaving);
    }

    /// <summary>Only a current validator votes; the transaction must come from its validator key directly.</summary>
    private static Address RequireMember(IModuleContext context, IReadOnlyList<ValidatorConfig> current)
    {
        var voter = context.Caller;
        Require(
            current.Any(v => v.Address == voter),
            $"{voter} is not a validator of the current set ({current.Count} validators); sign the vote with a validator key");
        return voter;
    }

    /// <summary>
    /// Records the vote and applies the change once a majority of the current set agrees. Votes are kept per exact proposal
    /// (kind, validator and, for an add, its bank and endpoints), so validators must agree on the details, not only the key.
    /// </summary>
    private byte[] Tally(IModuleContext context, IReadOnlyList<ValidatorConfig> current, Address voter, bool add, ValidatorConfig subject)
    {
        var key = VotesKey(add, subject);
        var voters = context.GetStorage(context.Self, key) is { } stored ? DecodeVoters(stored) : [];
        Require(!voters.Contains(voter), $"{voter} already voted to {(add ? "add" : "remove")} {subject.Address}");
        voters.Add(voter);

        // Only members of the current set count: a removed validator's earlier votes are void.
        var votes = voters.Count(v => current.Any(c => c.Address == v));
        var needed = Majority(current.Count);
        Emit(
            context,
            _voteCast,
            new AbiWriter(3).WriteBool(add).WriteUInt64((ulong)votes).WriteUInt64((ulong)needed).ToArray(),
            AddressTopic(subject.Address),
            AddressTopic(voter));
        if (votes < needed)
        {
            context.SetStorage(key, EncodeVoters(voters));
            return AbiWriter.EncodeBool(false);
        }

        context.SetStorage(key, []);
        var updated = add ? [.. current, subject] : current.Where(v => v.Address != subject.Address).ToList();
        var effective = context.BlockNumber + 1;
        Record(context, updated, effective);
        if (add)
        {
            Emit(context, _added, new AbiWriter(4).WriteString(subject.Bank).WriteString(subject.Host).WriteUInt64(effective).ToArray(), AddressTopic(subject.Address));
        }
        else
        {
            Emit(context, _removed, new AbiWriter(1).WriteUInt64(effective).ToArray(), AddressTopic(subject.Address));
        }

        return AbiWriter.EncodeBool(true);
    }

    /// <summary>The new set becomes current and is recorded as certifying blocks from <paramref name="effective"/> on.</summary>
    private static void Record(IModuleContext context, IReadOnlyList<ValidatorConfig> updated, ulong effective)
    {
        var encoded = ValidatorSetCodec.Encode(updated);
        var heights = ValidatorSetHistory.Heights(Reader(context));
        if (heights.Count == 0 || heights[^1] != effective)
        {
            heights.Add(effective); // two changes in one block share one entry: the later one wins
        }

        context.SetStorage([ValidatorSetHistory.CurrentTag], encoded);
        context.SetStorage(ValidatorSetHistory.SetAtKey(effective), encoded);
        context.SetStorage([ValidatorSetHistory.HeightsTag], ValidatorSetCodec.EncodeHeights(heights));
    }

    private static int ReadPort(ref AbiReader args, string name)
    {
        var port = args.ReadUInt32(name);
        Require(port is > 0 and <= ushort.MaxValue, $"{name} {port} is not a TCP port (1 to 65535)");
        return (int)port;
    }

    private static byte[] VotesKey(bool add, ValidatorConfig subject)
    {
        var writer = new RlpWriter(96).StartList().WriteUInt64(add ? 1UL : 0UL).WriteAddress(subject.Address);
        if (add)
        {
            writer.WriteBytes(Encoding.UTF8.GetBytes(subject.Bank)).WriteBytes(Encoding.UTF8.GetBytes(subject.Host))
                .WriteUInt64((ulong)subject.GrpcPort).WriteUInt64((ulong)subject.RpcPort);
        }

        var key = new byte[1 + Hash32.Length];
        key[0] = VotesTag;
        Keccak256.Hash(writer.EndList().WrittenSpan).WriteTo(key.AsSpan(1));
        return key;
    }

    private static List<Address> DecodeVoters(byte[] stored)
    {
        var result = new List<Address>();
        for (var offset = 0; offset + Address.Length <= stored.Length; offset += Address.Length)
        {
            result.Add(new Address(stored.AsSpan(offset, Address.Length)));
        }

        return result;
    }

    private static byte[] EncodeVoters(List<Address> voters)
    {
        var bytes = new byte[voters.Count * Address.Length];
        for (var i = 0; i < voters.Count; i++)
        {
            voters[i].WriteTo(bytes.AsSpan(i * Address.Length));
        }

        return bytes;
    }

    private static Hash32 AddressTopic(Address address)
    {
        Span<byte> word = stackalloc byte[Hash32.Length];
        word.Clear();
        address.WriteTo(word[12..]);
        return new Hash32(word);
    }
}
