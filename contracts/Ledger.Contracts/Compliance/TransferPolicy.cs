using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// The one transfer rule: DepositToken's transfer enforces it and Compliance's <c>canTransfer</c> reports it, so
/// the two can never disagree. Rules in order (the first that fails is the reason): receiver not zero; token not
/// paused; sender and receiver registered, unexpired and unrevoked; neither frozen; a cross-border transfer only
/// on an open corridor; amount within the balance and within its unlocked part; the sender's per-transaction and
/// daily limits; the receiver's maximum balance. Then, if the sender has a guardian and the amount is above its
/// threshold, the transfer is held instead of delivered.
/// </summary>
/// <remarks>
/// Cost on a chain that uses no freezes, limits or guardians: the token status byte, the features byte, the two
/// identities, the two balances (and the corridor when the jurisdictions differ) — six or seven storage reads,
/// no allocation. Each rule kind adds its reads only once something of that kind was ever configured.
/// </remarks>
public sealed partial class TransferPolicy(Consortium consortium)
{
    private readonly Address _registry = consortium.Registry;
    private readonly Address _compliance = consortium.Compliance;

    public Consortium Consortium { get; } = consortium;

    /// <summary>Evaluates a transfer of <paramref name="amount"/> of <paramref name="token"/> from → to, at the context's block.</summary>
    public TransferVerdict Evaluate(IModuleContext context, TokenInfo token, Address from, Address to, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var verdict = default(TransferVerdict);
        if (to.IsZero)
        {
            return Refuse(ref verdict, TransferRule.ZeroReceiver);
        }

        var status = TokenStorage.Status(context, token.Address);
        if ((status & TokenStatus.Paused) != 0)
        {
            return Refuse(ref verdict, TransferRule.Paused);
        }

        if (Consortium.HasCustodians && (Consortium.IsCustodian(from) || Consortium.IsCustodian(to)))
        {
            return EvaluateCustody(context, token, status, from, to, amount);
        }

        if (!CheckParties(context, from, to, ref verdict, out var fromIdentity, out var toIdentity, out var features))
        {
            return verdict;
        }

        var fromJurisdiction = IdentityRecord.JurisdictionOf(fromIdentity);
        var toJurisdiction = IdentityRecord.JurisdictionOf(toIdentity);

        if (!CheckSpendable(context, token, status, from, amount, ref verdict))
        {
            return verdict;
        }

        verdict.ToBalance = from == to ? verdict.FromBalance - amount : TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, to);
        if (!CheckLimits(context, token, features, from, to, fromJurisdiction, toJurisdiction, amount, ref verdict))
        {
            return verdict;
        }

        if (NeedsGuardian(context, token, status, from, amount, ref verdict))
        {
            verdict.Rule = TransferRule.Held;
        }

        return verdict;
    }

    /// <summary>
    /// The rules a held transfer must still meet when its guardian releases it: token not paused, both parties
    /// verified and unfrozen, the corridor open and the receiver's maximum balance. (The sender's balance, locks
    /// and spending limits were settled when it was held.)
    /// </summary>
    public TransferVerdict EvaluateRelease(IModuleContext context, TokenInfo token, Address from, Address to, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var verdict = default(TransferVerdict);
        if ((TokenStorage.Status(context, token.Address) & TokenStatus.Paused) != 0)
        {
            return Refuse(ref verdict, TransferRule.Paused);
        }

        if (!CheckParties(context, from, to, ref verdict, out _, out var toIdentity, out var features))
        {
            return verdict;
        }

        var toJurisdiction = IdentityRecord.JurisdictionOf(toIdentity);

        verdict.ToBalance = TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, to);
        CheckMaxBalance(context, token, features, to, toJurisdiction, amount, ref verdict);
        return verdict;
    }

    /// <summary>The rules a mint must meet: the receiver is verified and stays within its maximum balance.</summary>
    public TransferVerdict EvaluateMint(IModuleContext context, TokenInfo token, Address to, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var verdict = default(TransferVerdict);
        var toIdentity = IdentityStorage.Load(context, _registry, to);
        if (toIdentity is null || !IdentityRecord.IsVerifiedAt(toIdentity, context.TimestampMs / 1000))
        {
            return Refuse(ref verdict, TransferRule.ReceiverNotVerified);
        }

        verdict.ToBalance = TokenStorage.Read(context, token.Address, TokenStorage.BalanceTag, to);
        CheckMaxBalance(context, token, ComplianceStorage.Features(context, _compliance), to, IdentityRecord.JurisdictionOf(toIdentity), amount, ref verdict);
        return verdict;
    }

    /// <summary>
    /// The rules on the parties, shared by a transfer and the release of a held one: both registered, unexpired
    /// and unrevoked, neither frozen, and an open corridor when their jurisdictions differ.
    /// </summary>
    private bool CheckParties(
        IModuleContext context,
        Address from,
        Address to,
        ref TransferVerdict verdict,
        out byte[] fromIdentity,
        out byte[] toIdentity,
        out ComplianceFeatures features)
    {
        var now = context.TimestampMs / 1000;
        fromIdentity = VerifiedIdentity(context, from, now) ?? [];
        toIdentity = [];
        features = default;
        if (fromIdentity.Length == 0)
        {
            Refuse(ref verdict, TransferRule.SenderNotVerified);
            return false;
        }

        toIdentity = VerifiedIdentity(context, to, now) ?? [];
        if (toIdentity.Length == 0)
        {
            Refuse(ref verdict, TransferRule.ReceiverNotVerified);
            return false;
        }

        features = ComplianceStorage.Features(context, _compliance);
        if (IsFrozen(context, features, from))
        {
            Refuse(ref verdict, TransferRule.SenderFrozen);
            return false;
        }

        if (IsFrozen(context, features, to))
        {
            Refuse(ref verdict, TransferRule.ReceiverFrozen);
            return false;
        }

        var fromJurisdiction = IdentityRecord.JurisdictionOf(fromIdentity);
        var toJurisdiction = IdentityRecord.JurisdictionOf(toIdentity);
        if (!fromJurisdiction.SequenceEqual(toJurisdiction) && !ComplianceStorage.IsCorridor(context, _compliance, fromJurisdiction, toJurisdiction))
        {
            Refuse(ref verdict, TransferRule.NoCorridor);
            return false;
        }

        return true;
    }

    private bool CheckLimits(
        IModuleContext context,
        TokenInfo token,
        ComplianceFeatures features,
        Address from,
        Address to,
        ReadOnlySpan<byte> fromJurisdiction,
        ReadOnlySpan<byte> toJurisdiction,
        UInt256 amount,
        ref TransferVerdict verdict)
    {
        if ((features & ComplianceFeatures.Limits) == 0)
        {
            return true;
        }

        if (!CheckSenderLimits(context, token, features, from, fromJurisdiction, amount, ref verdict))
        {
            return false;
        }

        if (from == to)
        {
            return true;
        }

        CheckMaxBalance(context, token, features, to, toJurisdiction, amount, ref verdict);
        return verdict.Rule != TransferRule.MaxBalance;
    }

    /// <summary>The sender's per-transaction and daily limits (records the day's spending once any daily limit exists).</summary>
    private bool CheckSenderLimits(
        IModuleContext context, TokenInfo token, ComplianceFeatures features, Address from, ReadOnlySpan<byte> fromJurisdiction, UInt256 amount, ref TransferVerdict verdict)
    {
        if ((features & ComplianceFeatures.Limits) == 0)
        {
            return true;
        }

        var (limits, source) = ComplianceStorage.Limits(context, _compliance, token.Address, from, fromJurisdiction);
        verdict.LimitSource = source;
        if (!limits.PerTransaction.IsZero && amount > limits.PerTransaction)
        {
            verdict.Limit = limits.PerTransaction;
            Refuse(ref verdict, TransferRule.PerTransactionLimit);
            return false;
        }

        if ((features & ComplianceFeatures.DailyLimits) != 0)
        {
            // Once any daily limit exists, every transfer records its sender's spending of the day, so a limit
            // set later in the day counts what was already sent.
            verdict.Day = TokenStorage.Day(context.TimestampMs);
            verdict.DailySpent = TokenStorage.DailySpent(context, token.Address, from, verdict.Day);
            if (!UInt256.TryAdd(verdict.DailySpent, amount, out verdict.DailySpentAfter)
                || (!limits.Daily.IsZero && verdict.DailySpentAfter > limits.Daily))
            {
                verdict.Limit = limits.Daily;
                Refuse(ref verdict, TransferRule.DailyLimit);
                return false;
            }

            verdict.TrackDaily = true;
        }

        return true;
    }

    private void CheckMaxBalance(
        IModuleContext context, TokenInfo token, ComplianceFeatures features, Address to, ReadOnlySpan<byte> toJurisdiction, UInt256 amount, ref TransferVerdict verdict)
    {
        if ((features & ComplianceFeatures.Limits) == 0)
        {
            return;
        }

        var (limits, source) = ComplianceStorage.Limits(context, _compliance, token.Address, to, toJurisdiction);
        if (!limits.MaxBalance.IsZero && (!UInt256.TryAdd(verdict.ToBalance, amount, out var after) || after > limits.MaxBalance))
        {
            verdict.Limit = limits.MaxBalance;
            verdict.LimitSource = source;
            verdict.Rule = TransferRule.MaxBalance;
        }
    }

    private static TransferVerdict Refuse(ref TransferVerdict verdict, TransferRule rule)
    {
        verdict.Rule = rule;
        return verdict;
    }
}
