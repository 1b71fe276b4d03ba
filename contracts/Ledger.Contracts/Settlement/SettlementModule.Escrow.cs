using System.Text;
using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// Two-phase escrow: the payer locks funds for a beneficiary; the beneficiary's bank approves (screening passed:
/// the funds go to the beneficiary) or rejects (they go back to the payer) before the deadline; from the deadline
/// on, the payer may reclaim an escrow nobody decided. Open → Approved | Rejected | Reclaimed, once.
/// </summary>
public sealed partial class SettlementModule
{
    /// <summary>The longest an escrow may stay open: 90 days.</summary>
    public const ulong MaxLockSeconds = 90 * 86_400;

    /// <summary>Longest rejection reason, in UTF-8 bytes.</summary>
    public const int MaxReasonBytes = 256;

    private EventDefinition _escrowOpened = null!;
    private EventDefinition _escrowApproved = null!;
    private EventDefinition _escrowRejected = null!;
    private EventDefinition _escrowReclaimed = null!;

    private void RegisterEscrow()
    {
        _escrowOpened = DeclareEvent("EscrowOpened(uint256,address,address,address,uint256,uint64,bytes32)");
        // Each outcome names both parties, the token and the amount, so records show the payer to the beneficiary and the
        // beneficiary to the payer without looking up the escrow.
        _escrowApproved = DeclareEvent("EscrowApproved(uint256,address,address,address,address,uint256)");
        _escrowRejected = DeclareEvent("EscrowRejected(uint256,address,address,string,address,address,uint256)");
        _escrowReclaimed = DeclareEvent("EscrowReclaimed(uint256,address,address,address,uint256)");
        Register("openEscrow(address,address,uint256,uint64,bytes32)", 90_000, OpenEscrow);
        Register("approveEscrow(uint256)", 60_000, ApproveEscrow);
        Register("rejectEscrow(uint256,string)", 60_000, RejectEscrow);
        Register("reclaimEscrow(uint256)", 60_000, ReclaimEscrow);
        Register("getSettlement(uint256)", 2_600, GetSettlement, view: true);
        Register("escrowCount()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(SettlementStorage.EscrowCountTag)), view: true);
    }

    private byte[] OpenEscrow(IModuleContext context, ref AbiReader args)
    {
        var token = TokenOf(args.ReadAddress("token"), "token");
        var beneficiary = args.ReadAddress("beneficiary");
        var amount = args.ReadUInt256("amount");
        var deadline = args.ReadUInt64("deadline");
        var travelRuleRef = new Hash32(args.ReadBytes32("travelRuleRef"));
        var payer = context.Caller;

        RequirePositive(token, amount, "openEscrow");
        Require(beneficiary != payer, "openEscrow: the beneficiary must be another account than the payer");
        RequireDeadline(context, deadline, "escrow");
        RequireTransferAllowed(context, token, payer, beneficiary, amount, "openEscrow");

        var id = NextId(context, SettlementStorage.EscrowCountTag);
        var record = new EscrowRecord(EscrowState.Open, payer, beneficiary, token.Address, amount, deadline, travelRuleRef, 0);
        context.SetStorage(SettlementStorage.RecordKey(SettlementStorage.EscrowTag, id), record.Encode());
        PullIntoCustody(context, token, payer, amount, $"locking escrow #{id}");
        Emit(
            context,
            _escrowOpened,
            new AbiWriter(4).WriteAddress(token.Address).WriteUInt256(amount).WriteUInt64(deadline).WriteBytes32(travelRuleRef).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(payer),
            AbiTopic.FromAddress(beneficiary));
        return AbiWriter.EncodeUInt256(id);
    }

    private byte[] ApproveEscrow(IModuleContext context, ref AbiReader args)
    {
        var (id, record) = OpenEscrowOf(context, ref args, "approve");
        RequireBeneficiaryBank(context, id, record, "approve");
        var now = NowSeconds(context);
        Require(
            now < record.Deadline,
            $"escrow #{id} passed its deadline {IdentityRegistry.FormatTime(record.Deadline)} (block time {IdentityRegistry.FormatTime(now)}): it can only be rejected or reclaimed by the payer");

        CloseEscrow(context, id, record, EscrowState.Approved);
        PayOut(context, TokenOf(record.Token, "token"), record.Beneficiary, record.Amount, $"paying escrow #{id} to the beneficiary");
        Emit(
            context,
            _escrowApproved,
            new AbiWriter(3).WriteAddress(record.Payer).WriteAddress(record.Token).WriteUInt256(record.Amount).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(context.Caller),
            AbiTopic.FromAddress(record.Beneficiary));
        return [];
    }

    private byte[] RejectEscrow(IModuleContext context, ref AbiReader args)
    {
        var (id, record) = OpenEscrowOf(context, ref args, "reject");
        var reason = args.ReadString("reason");
        RequireBeneficiaryBank(context, id, record, "reject");
        var length = Encoding.UTF8.GetByteCount(reason);
        Require(length is > 0 and <= MaxReasonBytes, $"the rejection reason must be 1 to {MaxReasonBytes} bytes of UTF-8, got {length}");

        CloseEscrow(context, id, record, EscrowState.Rejected);
        PayOut(context, TokenOf(record.Token, "token"), record.Payer, record.Amount, $"returning escrow #{id} to the payer");
        Emit(
            context,
            _escrowRejected,
            new AbiWriter(5).WriteString(reason).WriteAddress(record.Beneficiary).WriteAddress(record.Token).WriteUInt256(record.Amount).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(context.Caller),
            AbiTopic.FromAddress(record.Payer));
        return [];
    }

    private byte[] ReclaimEscrow(IModuleContext context, ref AbiReader args)
    {
        var (id, record) = OpenEscrowOf(context, ref args, "reclaim");
        Require(
            context.Caller == record.Payer,
            $"only the payer {record.Payer.ToChecksumString()} may reclaim escrow #{id}; the caller is {context.Caller.ToChecksumString()}");
        var now = NowSeconds(context);
        Require(
            now >= record.Deadline,
            $"escrow #{id} can be reclaimed from its deadline {IdentityRegistry.FormatTime(record.Deadline)} on; the block time is {IdentityRegistry.FormatTime(now)}");

        CloseEscrow(context, id, record, EscrowState.Reclaimed);
        PayOut(context, TokenOf(record.Token, "token"), record.Payer, record.Amount, $"returning escrow #{id} to the payer");
        Emit(
            context,
            _escrowReclaimed,
            new AbiWriter(2).WriteAddress(record.Token).WriteUInt256(record.Amount).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(record.Payer),
            AbiTopic.FromAddress(record.Beneficiary));
        return [];
    }

    private byte[] GetSettlement(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var record = FindEscrow(context, id) ?? throw Revert($"escrow #{id} does not exist");
        return new AbiWriter(7)
            .WriteUInt8((byte)record.State)
            .WriteAddress(record.Payer)
            .WriteAddress(record.Beneficiary)
            .WriteAddress(record.Token)
            .WriteUInt256(record.Amount)
            .WriteUInt64(record.Deadline)
            .WriteBytes32(record.TravelRuleRef)
            .ToArray();
    }

    private static EscrowRecord? FindEscrow(IModuleContext context, UInt256 id) =>
        id.FitsInUInt64 && context.GetStorage(context.Self, SettlementStorage.RecordKey(SettlementStorage.EscrowTag, id.ToUInt64())) is { } stored
            ? EscrowRecord.Decode(stored)
            : null;

    /// <summary>Reads the id argument and the escrow, which must exist and still be open.</summary>
    private static (ulong Id, EscrowRecord Record) OpenEscrowOf(IModuleContext context, ref AbiReader args, string action)
    {
        var id = args.ReadUInt256("id");
        var record = FindEscrow(context, id) ?? throw Revert($"escrow #{id} does not exist");
        if (record.State != EscrowState.Open)
        {
            throw Revert($"cannot {action} escrow #{id}: it was already {record.State.ToString().ToLowerInvariant()} at block {record.ClosedAtBlock}");
        }

        return (id.ToUInt64(), record);
    }

    /// <summary>Approval and rejection are the beneficiary's bank's screening decision: its operator or compliance officers.</summary>
    private void RequireBeneficiaryBank(IModuleContext context, ulong id, EscrowRecord record, string action)
    {
        var bank = IdentityStorage.BankOf(context, _consortium.Registry, record.Beneficiary);
        if (bank < 0 || !ComplianceStorage.IsBankStaff(context, _consortium.Compliance, context.Caller, bank))
        {
            throw Revert(
                $"only the staff of the beneficiary's bank {(bank < 0 ? "(none: the beneficiary is no longer registered)" : _consortium.DescribeBank(bank))} " +
                $"may {action} escrow #{id}; the caller is {context.Caller.ToChecksumString()}");
        }
    }

    private static void CloseEscrow(IModuleContext context, ulong id, EscrowRecord record, EscrowState state) =>
        context.SetStorage(
            SettlementStorage.RecordKey(SettlementStorage.EscrowTag, id),
            (record with { State = state, ClosedAtBlock = context.BlockNumber }).Encode());

    private static void RequireDeadline(IModuleContext context, ulong deadline, string what)
    {
        var now = NowSeconds(context);
        Require(deadline > now, $"the {what} deadline {IdentityRegistry.FormatTime(deadline)} is not after the current block time {IdentityRegistry.FormatTime(now)}");
        Require(
            deadline - now <= MaxLockSeconds,
            $"the {what} deadline {IdentityRegistry.FormatTime(deadline)} is more than {MaxLockSeconds / 86_400} days after the current block time {IdentityRegistry.FormatTime(now)}");
    }
}
