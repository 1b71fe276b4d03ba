using System.Security.Cryptography;
using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// Hash time-locked contracts for atomic swaps with another ledger. The hash lock is sha256 of a 32-byte preimage
/// (the convention Bitcoin and most cross-chain HTLCs share, so one secret unlocks both sides). Anyone may claim
/// with the preimage before the deadline — the funds can only go to the recipient — and the claim publishes the
/// preimage in its event for the other ledger; from the deadline on, only the sender's refund remains.
/// </summary>
public sealed partial class SettlementModule
{
    private EventDefinition _htlcLocked = null!;
    private EventDefinition _htlcClaimed = null!;
    private EventDefinition _htlcRefunded = null!;

    private void RegisterHtlc()
    {
        _htlcLocked = DeclareEvent("HtlcLocked(uint256,address,bytes32,address,address,uint256,uint64)");
        // Claim and refund name both parties, the token and the amount (for account records), after the preimage.
        _htlcClaimed = DeclareEvent("HtlcClaimed(uint256,address,address,bytes32,address,uint256)");
        _htlcRefunded = DeclareEvent("HtlcRefunded(uint256,address,address,address,uint256)");
        Register("lockHtlc(address,address,uint256,bytes32,uint64)", 90_000, LockHtlc);
        Register("claimHtlc(uint256,bytes32)", 60_000, ClaimHtlc);
        Register("refundHtlc(uint256)", 60_000, RefundHtlc);
        Register("getHtlc(uint256)", 2_600, GetHtlc, view: true);
        Register("htlcCount()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(SettlementStorage.HtlcCountTag)), view: true);
    }

    /// <summary>sha256(preimage) as a hash lock.</summary>
    public static Hash32 HashLockOf(ReadOnlySpan<byte> preimage)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(preimage, digest);
        return new Hash32(digest);
    }

    private byte[] LockHtlc(IModuleContext context, ref AbiReader args)
    {
        var token = TokenOf(args.ReadAddress("token"), "token");
        var recipient = args.ReadAddress("recipient");
        var amount = args.ReadUInt256("amount");
        var hashLock = new Hash32(args.ReadBytes32("hashLock"));
        var deadline = args.ReadUInt64("deadline");
        var sender = context.Caller;

        RequirePositive(token, amount, "lockHtlc");
        Require(recipient != sender, "lockHtlc: the recipient must be another account than the sender");
        Require(!hashLock.IsZero, "lockHtlc: the hash lock is zero; pass sha256 of a secret 32-byte preimage");
        RequireDeadline(context, deadline, "HTLC");
        RequireTransferAllowed(context, token, sender, recipient, amount, "lockHtlc");

        var id = NextId(context, SettlementStorage.HtlcCountTag);
        var record = new HtlcRecord(HtlcState.Locked, sender, recipient, token.Address, amount, hashLock, deadline, Hash32.Zero, 0);
        context.SetStorage(SettlementStorage.RecordKey(SettlementStorage.HtlcTag, id), record.Encode());
        PullIntoCustody(context, token, sender, amount, $"locking HTLC #{id}");
        Emit(
            context,
            _htlcLocked,
            new AbiWriter(4).WriteAddress(sender).WriteAddress(token.Address).WriteUInt256(amount).WriteUInt64(deadline).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(recipient),
            hashLock);
        return AbiWriter.EncodeUInt256(id);
    }

    private byte[] ClaimHtlc(IModuleContext context, ref AbiReader args)
    {
        var (id, record) = LockedHtlcOf(context, ref args, "claim");
        var preimage = new Hash32(args.ReadBytes32("preimage"));
        var now = NowSeconds(context);
        Require(
            now < record.Deadline,
            $"HTLC #{id} passed its deadline {IdentityRegistry.FormatTime(record.Deadline)} (block time {IdentityRegistry.FormatTime(now)}): only the sender's refund remains");
        Span<byte> bytes = stackalloc byte[32];
        preimage.WriteTo(bytes);
        var hash = HashLockOf(bytes);
        Require(hash == record.HashLock, $"wrong preimage for HTLC #{id}: its sha256 is {hash}, the hash lock is {record.HashLock}");

        Store(context, id, record with { State = HtlcState.Claimed, Preimage = preimage, ClosedAtBlock = context.BlockNumber });
        PayOut(context, TokenOf(record.Token, "token"), record.Recipient, record.Amount, $"paying HTLC #{id} to the recipient");
        Emit(
            context,
            _htlcClaimed,
            new AbiWriter(3).WriteBytes32(preimage).WriteAddress(record.Token).WriteUInt256(record.Amount).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(record.Recipient),
            AbiTopic.FromAddress(record.Sender));
        return [];
    }

    private byte[] RefundHtlc(IModuleContext context, ref AbiReader args)
    {
        var (id, record) = LockedHtlcOf(context, ref args, "refund");
        Require(
            context.Caller == record.Sender,
            $"only the sender {record.Sender.ToChecksumString()} may refund HTLC #{id}; the caller is {context.Caller.ToChecksumString()}");
        var now = NowSeconds(context);
        Require(
            now >= record.Deadline,
            $"HTLC #{id} can be refunded from its deadline {IdentityRegistry.FormatTime(record.Deadline)} on; the block time is {IdentityRegistry.FormatTime(now)}");

        Store(context, id, record with { State = HtlcState.Refunded, ClosedAtBlock = context.BlockNumber });
        PayOut(context, TokenOf(record.Token, "token"), record.Sender, record.Amount, $"refunding HTLC #{id} to the sender");
        Emit(
            context,
            _htlcRefunded,
            new AbiWriter(2).WriteAddress(record.Token).WriteUInt256(record.Amount).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(record.Sender),
            AbiTopic.FromAddress(record.Recipient));
        return [];
    }

    private byte[] GetHtlc(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var record = FindHtlc(context, id) ?? throw Revert($"HTLC #{id} does not exist");
        return new AbiWriter(8)
            .WriteUInt8((byte)record.State)
            .WriteAddress(record.Sender)
            .WriteAddress(record.Recipient)
            .WriteAddress(record.Token)
            .WriteUInt256(record.Amount)
            .WriteBytes32(record.HashLock)
            .WriteUInt64(record.Deadline)
            .WriteBytes32(record.Preimage)
            .ToArray();
    }

    private static HtlcRecord? FindHtlc(IModuleContext context, UInt256 id) =>
        id.FitsInUInt64 && context.GetStorage(context.Self, SettlementStorage.RecordKey(SettlementStorage.HtlcTag, id.ToUInt64())) is { } stored
            ? HtlcRecord.Decode(stored)
            : null;

    private static (ulong Id, HtlcRecord Record) LockedHtlcOf(IModuleContext context, ref AbiReader args, string action)
    {
        var id = args.ReadUInt256("id");
        var record = FindHtlc(context, id) ?? throw Revert($"HTLC #{id} does not exist");
        if (record.State != HtlcState.Locked)
        {
            throw Revert($"cannot {action} HTLC #{id}: it was already {record.State.ToString().ToLowerInvariant()} at block {record.ClosedAtBlock}");
        }

        return (id.ToUInt64(), record);
    }

    private static void Store(IModuleContext context, ulong id, HtlcRecord record) =>
        context.SetStorage(SettlementStorage.RecordKey(SettlementStorage.HtlcTag, id), record.Encode());
}
