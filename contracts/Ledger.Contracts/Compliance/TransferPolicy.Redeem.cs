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

        if (VerifiedIdentity(context, holder, context.TimestampMs / 1000) is null)
        {
            return Refuse(ref verdict, TransferRule.SenderNotVerified);
        }

        if (IsFrozen(context, ComplianceStorage.Features(context, _compliance), holder))
        {
            return Refuse(ref verdict, TransferRule.SenderFrozen);
        }

        CheckSpendable(context, token, status, holder, amount, ref verdict);
        return verdict;
    }
}
