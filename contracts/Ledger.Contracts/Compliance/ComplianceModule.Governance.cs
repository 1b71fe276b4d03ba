using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// Consortium decisions: a bank operator proposes (which counts as its bank's approval), other operators approve,
/// and the change takes effect in the transaction that brings the approvals to a majority of banks. One vote
/// per bank; a proposal executes once and never expires.
/// </summary>
public sealed partial class ComplianceModule
{
    private byte[] ProposeRegulator(IModuleContext context, ref AbiReader args)
    {
        var regulator = args.ReadAddress("regulator");
        var bank = OperatorBank(context, "propose a regulator");
        CheckRegulator(context, regulator);
        return Propose(context, bank, ProposalRecord.Create(ProposalKind.Regulator, account: regulator));
    }

    private byte[] ProposeBankOperator(IModuleContext context, ref AbiReader args)
    {
        var bankId = args.ReadString("bank");
        var newOperator = args.ReadAddress("operator");
        var proposer = OperatorBank(context, "propose a bank operator");
        var bank = Bank(bankId);
        RequireFreshKey(context, newOperator, $"the operator of {_consortium.DescribeBank(bank)}");
        return Propose(context, proposer, ProposalRecord.Create(ProposalKind.BankOperator, bank, newOperator));
    }

    private byte[] ProposeCorridor(IModuleContext context, ref AbiReader args)
    {
        var a = args.ReadString("jurisdictionA");
        var b = args.ReadString("jurisdictionB");
        var open = args.ReadBool("open");
        var proposer = OperatorBank(context, "propose a corridor");
        foreach (var jurisdiction in (ReadOnlySpan<string>)[a, b])
        {
            if (!GenesisRules.IsJurisdiction(jurisdiction))
            {
                throw Revert($"jurisdiction must be an ISO 3166-1 alpha-2 code of two uppercase letters, got \"{jurisdiction}\"");
            }
        }

        if (a == b)
        {
            throw Revert($"{a} to {a} is not cross-border: transfers within a jurisdiction need no corridor");
        }

        if (ComplianceStorage.IsCorridor(context, Address, Ascii(a), Ascii(b)) == open)
        {
            throw Revert($"the {a}–{b} corridor is already {(open ? "open" : "closed")}");
        }

        return Propose(context, proposer, ProposalRecord.Create(ProposalKind.Corridor, a: a, b: b, open: open));
    }

    private byte[] ApproveProposal(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var bank = OperatorBank(context, "approve proposals");
        var key = ProposalKey(context, id);
        var proposal = ProposalRecord.Decode(context.GetStorage(Address, key)!);
        if (proposal.Executed)
        {
            throw Revert($"proposal {id} was already executed");
        }

        if (proposal.HasApproved(bank))
        {
            throw Revert($"{_consortium.DescribeBank(bank)} already approved proposal {id}");
        }

        Record(context, id.ToUInt64(), bank, proposal.WithApproval(bank));
        return [];
    }

    private byte[] ProposalOf(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var proposal = ProposalRecord.Decode(context.GetStorage(Address, ProposalKey(context, id))!);
        return new AbiWriter(8)
            .WriteUInt8((byte)proposal.Kind)
            .WriteAddress(proposal.Account)
            .WriteString(proposal.Kind == ProposalKind.BankOperator ? _consortium.Banks[proposal.Bank].Id : "")
            .WriteString(proposal.JurisdictionA)
            .WriteString(proposal.JurisdictionB)
            .WriteBool(proposal.Open)
            .WriteUInt64((ulong)proposal.ApprovalCount)
            .WriteBool(proposal.Executed)
            .ToArray();
    }

    private byte[] Propose(IModuleContext context, int bank, ProposalRecord proposal)
    {
        var id = context.GetUInt256(ComplianceStorage.ProposalCountTag).ToUInt64() + 1;
        context.SetUInt256(ComplianceStorage.ProposalCountTag, id);
        Emit(
            context,
            _proposalCreated,
            new AbiWriter(2).WriteUInt8((byte)proposal.Kind).WriteString(_consortium.Banks[bank].Id).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(context.Caller));
        Record(context, id, bank, proposal.WithApproval(bank));
        return AbiWriter.EncodeUInt256(id);
    }

    /// <summary>Stores an approval and executes the proposal when it reaches a majority.</summary>
    private void Record(IModuleContext context, ulong id, int bank, ProposalRecord proposal)
    {
        var approvals = proposal.ApprovalCount;
        Emit(
            context,
            _proposalApproved,
            new AbiWriter(2).WriteString(_consortium.Banks[bank].Id).WriteUInt64((ulong)approvals).ToArray(),
            AbiTopic.FromUInt256(id));
        if (approvals >= _consortium.Majority)
        {
            Execute(context, proposal);
            proposal = proposal with { Executed = true };
            Emit(context, _proposalExecuted, [], AbiTopic.FromUInt256(id));
        }

        context.SetStorage(ComplianceStorage.ProposalKey(id), proposal.Encode());
    }

    private void Execute(IModuleContext context, ProposalRecord proposal)
    {
        switch (proposal.Kind)
        {
            case ProposalKind.Regulator:
                // Re-checked here: the key may have taken another role since the proposal was made.
                CheckRegulator(context, proposal.Account);
                var old = ComplianceStorage.Regulator(context, Address);
                if (!old.IsZero)
                {
                    EmitRole(context, granted: false, RegulatorRole, old, "");
                }

                context.SetStorage([ComplianceStorage.RegulatorTag], proposal.Account.ToArray());
                EmitRole(context, granted: true, RegulatorRole, proposal.Account, "");
                break;
            case ProposalKind.BankOperator:
                var bank = proposal.Bank;
                RequireFreshKey(context, proposal.Account, $"the operator of {_consortium.DescribeBank(bank)}");
                var previous = ComplianceStorage.Operator(context, Address, bank);
                WriteStaff(context, previous, StaffRoles.None, bank);
                EmitRole(context, granted: false, BankOperatorRole, previous, _consortium.Banks[bank].Id);
                WriteStaff(context, proposal.Account, StaffRoles.BankOperator, bank);
                context.SetStorage([ComplianceStorage.OperatorTag, (byte)bank], proposal.Account.ToArray());
                EmitRole(context, granted: true, BankOperatorRole, proposal.Account, _consortium.Banks[bank].Id);
                break;
            case ProposalKind.Corridor:
                Span<byte> key = stackalloc byte[5];
                ComplianceStorage.WriteCorridorKey(key, Ascii(proposal.JurisdictionA), Ascii(proposal.JurisdictionB));
                context.SetStorage(key, proposal.Open ? [1] : []);
                Emit(
                    context,
                    _corridorChanged,
                    new AbiWriter(3).WriteString(proposal.JurisdictionA).WriteString(proposal.JurisdictionB).WriteBool(proposal.Open).ToArray());
                break;
            default:
                throw new InvalidOperationException($"stored proposal has unknown kind {proposal.Kind}");
        }
    }

    private void CheckRegulator(IModuleContext context, Address regulator)
    {
        if (regulator.IsZero)
        {
            throw Revert("the regulator cannot be the zero address");
        }

        var (_, bank) = ComplianceStorage.Staff(context, Address, regulator);
        if (bank >= 0)
        {
            throw Revert($"{regulator.ToChecksumString()} works for {_consortium.DescribeBank(bank)}; the regulator needs its own key");
        }

        if (ComplianceStorage.IsRegulator(context, Address, regulator))
        {
            throw Revert($"{regulator.ToChecksumString()} is already the regulator");
        }
    }

    private byte[] ProposalKey(IModuleContext context, UInt256 id)
    {
        var count = context.GetUInt256(ComplianceStorage.ProposalCountTag);
        if (id.IsZero || id > count)
        {
            throw Revert($"there is no proposal {id}; proposals are numbered 1 to {count}");
        }

        return ComplianceStorage.ProposalKey(id.ToUInt64());
    }
}
