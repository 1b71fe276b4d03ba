using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// Second-factor approval. An account names a guardian (another key, e.g. on the customer's phone or at the
/// bank) and a threshold; its transfers above the threshold move into this token's own address and wait. The
/// guardian releases them, or they are returned: by the sender, its bank or the guardian at any time, and by
/// anyone once <see cref="HoldSeconds"/> have passed. Changing or removing a guardian needs the guardian's
/// approval, or the account's bank (resetGuardian) when the guardian key itself is lost.
/// </summary>
public sealed partial class DepositToken
{
    private EventDefinition _guardianSet = null!;
    private EventDefinition _guardianChangeRequested = null!;
    private EventDefinition _transferHeld = null!;
    private EventDefinition _heldReleased = null!;
    private EventDefinition _heldReturned = null!;

    private void RegisterGuardian()
    {
        Register("guardianOf(address)", 5_200, GuardianOf, view: true);
        Register("setGuardian(address,uint256)", 30_000, SetGuardian);
        Register("approveGuardianChange(address)", 30_000, ApproveGuardianChange);
        Register("resetGuardian(address,address,uint256)", 30_000, ResetGuardian);
        Register("heldTransfer(uint256)", 2_600, HeldTransferOf, view: true);
        Register("approveHeldTransfer(uint256)", 40_000, ApproveHeldTransfer);
        Register("cancelHeldTransfer(uint256)", 35_000, CancelHeldTransfer);
        _guardianSet = DeclareEvent("GuardianSet(address,address,uint256)");
        _guardianChangeRequested = DeclareEvent("GuardianChangeRequested(address,address,uint256)");
        _transferHeld = DeclareEvent("TransferHeld(uint256,address,address,uint256,uint64)");
        // Both outcomes name the parties and the amount, so an account's records show who a held payment was from and for
        // without looking up the hold (docs/state.md, "Account index").
        _heldReleased = DeclareEvent("HeldTransferReleased(uint256,address,address,address,uint256)");
        _heldReturned = DeclareEvent("HeldTransferReturned(uint256,address,address,uint256,bool)");
    }

    private byte[] GuardianOf(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var (guardian, threshold) = TokenStorage.Guardian(context, Address, TokenStorage.GuardianTag, account);
        var (pending, pendingThreshold) = TokenStorage.Guardian(context, Address, TokenStorage.PendingGuardianTag, account);
        return new AbiWriter(4).WriteAddress(guardian).WriteUInt256(threshold).WriteAddress(pending).WriteUInt256(pendingThreshold).ToArray();
    }

    private byte[] SetGuardian(IModuleContext context, ref AbiReader args)
    {
        var guardian = args.ReadAddress("guardian");
        var threshold = args.ReadUInt256("threshold");
        var account = context.Caller;
        if (guardian == account)
        {
            throw Revert("an account cannot be its own guardian: the guardian is the second factor");
        }

        var (current, _) = TokenStorage.Guardian(context, Address, TokenStorage.GuardianTag, account);
        if (current.IsZero)
        {
            if (guardian.IsZero)
            {
                throw Revert($"{account.ToChecksumString()} has no {Symbol} guardian to remove");
            }

            WriteGuardian(context, account, guardian, threshold);
            return [];
        }

        // A stolen key must not be able to switch off the second factor: the current guardian has to agree.
        WriteGuardianSlot(context, TokenStorage.PendingGuardianTag, account, guardian, threshold, clear: false);
        Emit(context, _guardianChangeRequested, AbiWriter.EncodeUInt256(threshold), AbiTopic.FromAddress(account), AbiTopic.FromAddress(guardian));
        return [];
    }

    private byte[] ApproveGuardianChange(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var (current, _) = TokenStorage.Guardian(context, Address, TokenStorage.GuardianTag, account);
        if (current.IsZero || current != context.Caller)
        {
            throw Revert($"only the current {Symbol} guardian of {account.ToChecksumString()} may approve a change of it; the caller is {context.Caller.ToChecksumString()}");
        }

        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, TokenStorage.PendingGuardianTag, account);
        if (context.GetStorage(Address, key) is null)
        {
            throw Revert($"{account.ToChecksumString()} has not requested a change of its {Symbol} guardian");
        }

        var (guardian, threshold) = TokenStorage.Guardian(context, Address, TokenStorage.PendingGuardianTag, account);
        context.SetStorage(key, []);
        WriteGuardian(context, account, guardian, threshold);
        return [];
    }

    private byte[] ResetGuardian(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var guardian = args.ReadAddress("guardian");
        var threshold = args.ReadUInt256("threshold");
        var bank = Identity.IdentityStorage.BankOf(context, _consortium.Registry, account);
        if (bank < 0 || !ComplianceStorage.IsBankStaff(context, _consortium.Compliance, context.Caller, bank))
        {
            throw Revert(
                $"only the operator or a compliance officer of the bank that registered {account.ToChecksumString()} may reset its guardian; " +
                $"the caller is {context.Caller.ToChecksumString()}");
        }

        if (guardian == account)
        {
            throw Revert("an account cannot be its own guardian: the guardian is the second factor");
        }

        WriteGuardianSlot(context, TokenStorage.PendingGuardianTag, account, Address.Zero, UInt256.Zero, clear: true);
        WriteGuardian(context, account, guardian, threshold);
        return [];
    }

    private void WriteGuardian(IModuleContext context, Address account, Address guardian, UInt256 threshold)
    {
        WriteGuardianSlot(context, TokenStorage.GuardianTag, account, guardian, threshold, clear: guardian.IsZero);
        if (!guardian.IsZero)
        {
            SetStatus(context, TokenStorage.Status(context, Address) | TokenStatus.AnyGuardian);
        }

        Emit(context, _guardianSet, AbiWriter.EncodeUInt256(threshold), AbiTopic.FromAddress(account), AbiTopic.FromAddress(guardian));
    }

    private static void WriteGuardianSlot(IModuleContext context, byte tag, Address account, Address guardian, UInt256 threshold, bool clear)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, tag, account);
        if (clear)
        {
            context.SetStorage(key, []);
            return;
        }

        Span<byte> value = stackalloc byte[Address.Length + UInt256.Length];
        guardian.WriteTo(value);
        threshold.WriteBigEndian(value[Address.Length..]);
        context.SetStorage(key, value);
    }

    /// <summary>Parks a transfer (already debited from <paramref name="from"/>) in this token's own address.</summary>
    private void Hold(IModuleContext context, Address from, Address to, UInt256 amount)
    {
        var id = context.GetUInt256(TokenStorage.HeldCounterTag).ToUInt64() + 1;
        context.SetUInt256(TokenStorage.HeldCounterTag, id);
        var deadline = (context.TimestampMs / 1000) + HoldSeconds;
        context.SetStorage(HeldTransfer.Key(id), new HeldTransfer(from, to, amount, deadline, HeldStatus.Pending).Encode());
        context.SetUInt256(TokenStorage.HeldCountTag, from, context.GetUInt256(TokenStorage.HeldCountTag, from) + 1);
        Credit(context, Address, context.GetUInt256(TokenStorage.BalanceTag, Address), amount);
        Erc20Events.EmitTransfer(context, from, Address, amount);
        Emit(
            context,
            _transferHeld,
            new AbiWriter(2).WriteUInt256(amount).WriteUInt64(deadline).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(from),
            AbiTopic.FromAddress(to));
    }

    private byte[] HeldTransferOf(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var held = FindHeld(context, id);
        return new AbiWriter(5)
            .WriteAddress(held?.From ?? Address.Zero)
            .WriteAddress(held?.To ?? Address.Zero)
            .WriteUInt256(held?.Amount ?? UInt256.Zero)
            .WriteUInt64(held?.Deadline ?? 0)
            .WriteUInt8((byte)(held?.Status ?? HeldStatus.None))
            .ToArray();
    }

    private byte[] ApproveHeldTransfer(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var held = PendingHeld(context, id);
        var (guardian, _) = TokenStorage.Guardian(context, Address, TokenStorage.GuardianTag, held.From);
        if (guardian.IsZero || guardian != context.Caller)
        {
            throw Revert($"only the guardian of {held.From.ToChecksumString()} may approve held transfer {id}; the caller is {context.Caller.ToChecksumString()}");
        }

        var now = context.TimestampMs / 1000;
        if (now > held.Deadline)
        {
            throw Revert($"held transfer {id} expired at {Identity.IdentityRegistry.FormatTime(held.Deadline)}; cancelHeldTransfer returns it to the sender");
        }

        var verdict = _policy.EvaluateRelease(context, _info, held.From, held.To, held.Amount);
        if (!verdict.IsAllowed)
        {
            throw Revert($"held transfer {id} cannot be released: {_policy.Describe(context, _info, verdict, held.From, held.To, held.Amount)}");
        }

        Settle(context, id, held, HeldStatus.Released);
        Credit(context, held.To, verdict.ToBalance, held.Amount);
        Erc20Events.EmitTransfer(context, Address, held.To, held.Amount);
        Emit(
            context,
            _heldReleased,
            new AbiWriter(2).WriteAddress(held.To).WriteUInt256(held.Amount).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(context.Caller),
            AbiTopic.FromAddress(held.From));
        return [];
    }

    private byte[] CancelHeldTransfer(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var held = PendingHeld(context, id);
        var expired = context.TimestampMs / 1000 > held.Deadline;
        var (guardian, _) = TokenStorage.Guardian(context, Address, TokenStorage.GuardianTag, held.From);
        var caller = context.Caller;
        var bank = Identity.IdentityStorage.BankOf(context, _consortium.Registry, held.From);
        var allowed = expired || caller == held.From || caller == guardian
            || (bank >= 0 && ComplianceStorage.IsBankStaff(context, _consortium.Compliance, caller, bank));
        if (!allowed)
        {
            throw Revert(
                $"until it expires at {Identity.IdentityRegistry.FormatTime(held.Deadline)}, only the sender, its guardian or its bank may cancel held transfer {id}");
        }

        // The amount goes back even to a frozen or revoked sender: it stays there under the same rules.
        Settle(context, id, held, HeldStatus.Returned);
        Credit(context, held.From, context.GetUInt256(TokenStorage.BalanceTag, held.From), held.Amount);
        Erc20Events.EmitTransfer(context, Address, held.From, held.Amount);
        Emit(
            context,
            _heldReturned,
            new AbiWriter(2).WriteUInt256(held.Amount).WriteBool(expired).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(held.From),
            AbiTopic.FromAddress(held.To));
        return [];
    }

    private void Settle(IModuleContext context, UInt256 id, HeldTransfer held, HeldStatus status)
    {
        context.SetStorage(HeldTransfer.Key(id.ToUInt64()), (held with { Status = status }).Encode());
        context.SetUInt256(TokenStorage.HeldCountTag, held.From, context.GetUInt256(TokenStorage.HeldCountTag, held.From) - 1);
        context.SetUInt256(TokenStorage.BalanceTag, Address, context.GetUInt256(TokenStorage.BalanceTag, Address) - held.Amount);
    }

    private HeldTransfer PendingHeld(IModuleContext context, UInt256 id)
    {
        var held = FindHeld(context, id) ?? throw Revert($"there is no held {Symbol} transfer {id}");
        return held.Status == HeldStatus.Pending
            ? held
            : throw Revert($"held transfer {id} was already {(held.Status == HeldStatus.Released ? "released to the receiver" : "returned to the sender")}");
    }

    private HeldTransfer? FindHeld(IModuleContext context, UInt256 id) =>
        id.FitsInUInt64 && context.GetStorage(Address, HeldTransfer.Key(id.ToUInt64())) is { } stored ? HeldTransfer.Decode(stored) : null;
}
