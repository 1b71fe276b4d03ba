using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// The single rules every evaluation is made of (transfer, custody, redemption), so each is written once. Each
/// reads only what it needs; the callers keep the order in which the rules are tried, which decides the reason.
/// </summary>
public sealed partial class TransferPolicy
{
    /// <summary>The identity record of <paramref name="account"/> if it is registered, unexpired and unrevoked at <paramref name="now"/>; else null.</summary>
    private byte[]? VerifiedIdentity(IModuleContext context, Address account, ulong now)
    {
        var identity = IdentityStorage.Load(context, _registry, account);
        return identity is { Length: > 0 } && IdentityRecord.IsVerifiedAt(identity, now) ? identity : null;
    }

    /// <summary>True when freezes were ever used and <paramref name="account"/> is frozen (wholly).</summary>
    private bool IsFrozen(IModuleContext context, ComplianceFeatures features, Address account) =>
        (features & ComplianceFeatures.Freezes) != 0 && ComplianceStorage.Freeze(context, _compliance, account) is not null;

    /// <summary>
    /// The amount is within <paramref name="from"/>'s balance and, when any partial freeze exists on the token,
    /// within its unfrozen part. Records the balance and the frozen part in the verdict.
    /// </summary>
    private static bool CheckSpendable(
        IModuleContext context, TokenInfo token, TokenStatus status, Address from, UInt256 amount, ref TransferVerdict verdict)
    {
        verdict.FromBalance = TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, from);
        if (amount > verdict.FromBalance)
        {
            Refuse(ref verdict, TransferRule.InsufficientBalance);
            return false;
        }

        if ((status & TokenStatus.AnyLock) != 0)
        {
            verdict.Locked = TokenStorage.Read(context, token.Address, TokenStorage.LockTag, from);
            if (amount > Unlocked(verdict))
            {
                Refuse(ref verdict, TransferRule.LockedBalance);
                return false;
            }
        }

        return true;
    }

    /// <summary>True (recording the guardian and threshold) when <paramref name="from"/> has a guardian and the amount is above its threshold.</summary>
    private static bool NeedsGuardian(
        IModuleContext context, TokenInfo token, TokenStatus status, Address from, UInt256 amount, ref TransferVerdict verdict)
    {
        if ((status & TokenStatus.AnyGuardian) == 0)
        {
            return false;
        }

        var (guardian, threshold) = TokenStorage.Guardian(context, token.Address, TokenStorage.GuardianTag, from);
        if (guardian.IsZero || amount <= threshold)
        {
            return false;
        }

        verdict.Guardian = guardian;
        verdict.Threshold = threshold;
        return true;
    }
}
