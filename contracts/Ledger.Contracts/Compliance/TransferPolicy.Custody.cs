using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// Transfers into or out of a custodian module (Settlement's escrows and HTLCs). A custodian has no identity, no
/// jurisdiction and no limits, so only the customer's side of the movement is checked here: the payer going in
/// (verified, not frozen, balance, frozen part, per-transaction and daily limits) and the receiver coming out
/// (verified, not frozen, maximum balance). The corridor between the two customers is the custodian's to check
/// when it accepts the lock (Settlement asks <see cref="Evaluate"/> for payer → beneficiary), because only it
/// knows who the funds are for. A transfer above the payer's guardian threshold is refused rather than held:
/// custody that waits for a guardian would leave the lock half made.
/// </summary>
public sealed partial class TransferPolicy
{
    private TransferVerdict EvaluateCustody(IModuleContext context, TokenInfo token, Address from, Address to, UInt256 amount)
    {
        var verdict = default(TransferVerdict);
        var fromCustodian = Consortium.IsCustodian(from);
        var toCustodian = Consortium.IsCustodian(to);
        if (toCustodian && context.Caller != to)
        {
            return Refuse(ref verdict, TransferRule.DirectToCustodian);
        }

        var now = context.TimestampMs / 1000;
        var features = ComplianceStorage.Features(context, _compliance);
        byte[] fromIdentity = [];
        byte[] toIdentity = [];
        if (!fromCustodian)
        {
            fromIdentity = IdentityStorage.Load(context, _registry, from) ?? [];
            if (fromIdentity.Length == 0 || !IdentityRecord.IsVerifiedAt(fromIdentity, now))
            {
                return Refuse(ref verdict, TransferRule.SenderNotVerified);
            }

            if ((features & ComplianceFeatures.Freezes) != 0 && ComplianceStorage.Freeze(context, _compliance, from) is not null)
            {
                return Refuse(ref verdict, TransferRule.SenderFrozen);
            }
        }

        if (!toCustodian)
        {
            toIdentity = IdentityStorage.Load(context, _registry, to) ?? [];
            if (toIdentity.Length == 0 || !IdentityRecord.IsVerifiedAt(toIdentity, now))
            {
                return Refuse(ref verdict, TransferRule.ReceiverNotVerified);
            }

            if ((features & ComplianceFeatures.Freezes) != 0 && ComplianceStorage.Freeze(context, _compliance, to) is not null)
            {
                return Refuse(ref verdict, TransferRule.ReceiverFrozen);
            }
        }

        verdict.FromBalance = TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, from);
        if (amount > verdict.FromBalance)
        {
            return Refuse(ref verdict, TransferRule.InsufficientBalance);
        }

        var status = TokenStorage.Status(context, token.Address);
        if (!fromCustodian && (status & TokenStatus.AnyLock) != 0)
        {
            verdict.Locked = TokenStorage.Read(context, token.Address, TokenStorage.LockTag, from);
            if (amount > Unlocked(verdict))
            {
                return Refuse(ref verdict, TransferRule.LockedBalance);
            }
        }

        verdict.ToBalance = from == to ? verdict.FromBalance - amount : TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, to);
        // The payer's own limits apply to what it puts into custody; a custodian has no limits of its own.
        if (!fromCustodian && !CheckSenderLimits(context, token, features, from, IdentityRecord.JurisdictionOf(fromIdentity), amount, ref verdict))
        {
            return verdict;
        }

        if (!toCustodian)
        {
            CheckMaxBalance(context, token, features, to, IdentityRecord.JurisdictionOf(toIdentity), amount, ref verdict);
            if (verdict.Rule == TransferRule.MaxBalance)
            {
                return verdict;
            }
        }

        return CheckCustodyGuardian(context, token, status, fromCustodian, from, amount, ref verdict);
    }

    private static TransferVerdict CheckCustodyGuardian(
        IModuleContext context, TokenInfo token, TokenStatus status, bool fromCustodian, Address from, UInt256 amount, ref TransferVerdict verdict)
    {
        if (fromCustodian || (status & TokenStatus.AnyGuardian) == 0)
        {
            return verdict;
        }

        var (guardian, threshold) = TokenStorage.Guardian(context, token.Address, TokenStorage.GuardianTag, from);
        if (!guardian.IsZero && amount > threshold)
        {
            verdict.Guardian = guardian;
            verdict.Threshold = threshold;
            return Refuse(ref verdict, TransferRule.GuardianRequired);
        }

        return verdict;
    }
}
