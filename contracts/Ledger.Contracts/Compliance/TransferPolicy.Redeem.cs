using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

public sealed partial class TransferPolicy
{
    /// <summary>
    /// The rules a holder's redemption must meet: the token not paused, the holder verified and not frozen, and the
    /// amount within its unfrozen balance. Limits do not apply: a redemption pays out at the bank, not to a party.
    /// </summary>
    public TransferVerdict EvaluateRedeem(IModuleContext context, TokenInfo token, Address holder, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var verdict = default(TransferVerdict);
        var status = TokenStorage.Status(context, token.Address);
        if ((status & TokenStatus.Paused) != 0)
        {
            return Refuse(ref verdict, TransferRule.Paused);
        }

        var identity = IdentityStorage.Load(context, _registry, holder);
        if (identity is null || !IdentityRecord.IsVerifiedAt(identity, context.TimestampMs / 1000))
        {
            return Refuse(ref verdict, TransferRule.SenderNotVerified);
        }

        if ((ComplianceStorage.Features(context, _compliance) & ComplianceFeatures.Freezes) != 0
            && ComplianceStorage.Freeze(context, _compliance, holder) is not null)
        {
            return Refuse(ref verdict, TransferRule.SenderFrozen);
        }

        verdict.FromBalance = TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, holder);
        if (amount > verdict.FromBalance)
        {
            return Refuse(ref verdict, TransferRule.InsufficientBalance);
        }

        if ((status & TokenStatus.AnyLock) != 0)
        {
            verdict.Locked = TokenStorage.Read(context, token.Address, TokenStorage.LockTag, holder);
            if (amount > Unlocked(verdict))
            {
                return Refuse(ref verdict, TransferRule.LockedBalance);
            }
        }

        return verdict;
    }
}
