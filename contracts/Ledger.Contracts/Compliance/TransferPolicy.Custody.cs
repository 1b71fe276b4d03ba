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
    private TransferVerdict EvaluateCustody(IModuleContext context, TokenInfo token, TokenStatus status, Address from, Address to, UInt256 amount)
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
            fromIdentity = VerifiedIdentity(context, from, now) ?? [];
            if (fromIdentity.Length == 0)
            {
                return Refuse(ref verdict, TransferRule.SenderNotVerified);
            }

            if (IsFrozen(context, features, from))
            {
                return Refuse(ref verdict, TransferRule.SenderFrozen);
            }
        }

        if (!toCustodian)
        {
            toIdentity = VerifiedIdentity(context, to, now) ?? [];
            if (toIdentity.Length == 0)
            {
                return Refuse(ref verdict, TransferRule.ReceiverNotVerified);
            }

            if (IsFrozen(context, features, to))
            {
                return Refuse(ref verdict, TransferRule.ReceiverFrozen);
            }
        }

        // A custodian's own balance has no frozen part: partial freezes are set on customers.
        if (!CheckSpendable(context, token, fromCustodian ? status & ~TokenStatus.AnyLock : status, from, amount, ref verdict))
        {
            return verdict;
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

        return !fromCustodian && NeedsGuardian(context, token, status, from, amount, ref verdict)
            ? Refuse(ref verdict, TransferRule.GuardianRequired)
            : verdict;
    }
}
