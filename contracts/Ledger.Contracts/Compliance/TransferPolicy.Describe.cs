using System.Globalization;
using System.Text;
using Ledger.Contracts.Identity;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>The reason texts: built only when a transfer is refused (or canTransfer asks), never on success.</summary>
public sealed partial class TransferPolicy
{
    /// <summary>The sentence a person can act on for <paramref name="verdict"/>; empty when the transfer is simply allowed.</summary>
    public string Describe(IModuleContext context, TokenInfo token, in TransferVerdict verdict, Address from, Address to, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        return verdict.Rule switch
        {
            TransferRule.Allowed => "",
            TransferRule.Held =>
                $"held for guardian approval: {token.Format(amount)} is above the threshold {token.Format(verdict.Threshold)} that " +
                $"{from.ToChecksumString()} set; its guardian {verdict.Guardian.ToChecksumString()} must approve it",
            TransferRule.ZeroReceiver => "transfer to the zero address",
            TransferRule.Paused =>
                $"{token.Symbol} is paused by its issuer {Consortium.DescribeBank(token.BankIndex)}: no transfers until it is unpaused",
            TransferRule.SenderNotVerified => NotVerified(context, "sender", from),
            TransferRule.ReceiverNotVerified => NotVerified(context, "receiver", to),
            TransferRule.SenderFrozen => Frozen(context, "sender", from),
            TransferRule.ReceiverFrozen => Frozen(context, "receiver", to),
            TransferRule.NoCorridor => NoCorridor(context, from, to),
            TransferRule.InsufficientBalance =>
                $"transfer amount {token.Format(amount)} exceeds balance {token.Format(verdict.FromBalance)} of {from.ToChecksumString()}",
            TransferRule.LockedBalance =>
                $"transfer amount {token.Format(amount)} exceeds the unfrozen balance {token.Format(Unlocked(verdict))} of " +
                $"{from.ToChecksumString()}: {token.Format(verdict.Locked)} of its {token.Format(verdict.FromBalance)} is frozen",
            TransferRule.PerTransactionLimit =>
                $"transfer amount {token.Format(amount)} exceeds the per-transaction limit {token.Format(verdict.Limit)} " +
                $"for {from.ToChecksumString()} ({SourceText(context, verdict.LimitSource, from)})",
            TransferRule.DailyLimit =>
                $"transfer amount {token.Format(amount)} exceeds the daily limit {token.Format(verdict.Limit)} for {from.ToChecksumString()} " +
                $"({SourceText(context, verdict.LimitSource, from)}): {token.Format(verdict.DailySpent)} already sent on " +
                $"{DateTimeOffset.FromUnixTimeMilliseconds((long)(verdict.Day * 86_400_000UL)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC)",
            TransferRule.MaxBalance =>
                $"{token.Format(amount)} would raise the balance of {to.ToChecksumString()} from {token.Format(verdict.ToBalance)} above its " +
                $"maximum balance {token.Format(verdict.Limit)} ({SourceText(context, verdict.LimitSource, to)})",
            TransferRule.GuardianRequired =>
                $"{token.Format(amount)} is above the threshold {token.Format(verdict.Threshold)} at which {from.ToChecksumString()}'s guardian " +
                $"{verdict.Guardian.ToChecksumString()} must approve its transfers, and a payment into settlement custody cannot wait for that " +
                "approval: send a smaller amount or have the guardian raise the threshold",
            TransferRule.DirectToCustodian =>
                $"{to.ToChecksumString()} is a settlement module's custody account: tokens enter it only through the module's own functions " +
                "(escrow, HTLC, invoice payment), never by a direct transfer, so they cannot be stranded there",
            _ => throw new InvalidOperationException($"unknown transfer rule {verdict.Rule}"),
        };
    }

    /// <summary>"sender 0x… is not a registered (KYC-verified) account", with why when it once was.</summary>
    public string NotVerified(IModuleContext context, string role, Address account)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = $"{role} {account.ToChecksumString()} is not a registered (KYC-verified) account";
        if (IdentityStorage.Load(context, _registry, account) is not { } stored)
        {
            return text;
        }

        var record = IdentityRecord.Decode(stored);
        var bank = Consortium.DescribeBank(record.BankIndex);
        if (record.Recovered)
        {
            return $"{text}: {bank} recovered it to a new key";
        }

        return record.Revoked
            ? $"{text}: its identity at {bank} was revoked"
            : $"{text}: its identity at {bank} expired at {IdentityRegistry.FormatTime(record.ExpiresAt)}; the bank must renew it";
    }

    /// <summary>"sender 0x… is frozen by the regulator: court order 12".</summary>
    public string Frozen(IModuleContext context, string role, Address account)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = ComplianceStorage.Freeze(context, _compliance, account);
        if (record is not { Length: >= 1 + Address.Length })
        {
            return $"{role} {account.ToChecksumString()} is frozen";
        }

        var by = record[0] != 0 ? "the regulator" : ByBank(context, account);
        return $"{role} {account.ToChecksumString()} is frozen by {by}: {Encoding.UTF8.GetString(record.AsSpan(1 + Address.Length))}";
    }

    private string NoCorridor(IModuleContext context, Address from, Address to)
    {
        var a = Encoding.ASCII.GetString(IdentityRecord.JurisdictionOf(IdentityStorage.Load(context, _registry, from)!));
        var b = Encoding.ASCII.GetString(IdentityRecord.JurisdictionOf(IdentityStorage.Load(context, _registry, to)!));
        var (low, high) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        return $"cross-border transfer from {a} to {b} is not allowed: the consortium has not opened the {low}–{high} corridor";
    }

    private string SourceText(IModuleContext context, LimitSource source, Address account) => source switch
    {
        LimitSource.Account => "its own limit",
        LimitSource.Jurisdiction => IdentityStorage.Load(context, _registry, account) is { } stored
            ? $"the limit of jurisdiction {Encoding.ASCII.GetString(IdentityRecord.JurisdictionOf(stored))}"
            : "its jurisdiction's limit",
        _ => "no limit",
    };

    private string ByBank(IModuleContext context, Address account)
    {
        var bank = IdentityStorage.BankOf(context, _registry, account);
        return bank < 0 ? "its bank" : Consortium.DescribeBank(bank);
    }

    private static UInt256 Unlocked(in TransferVerdict verdict) =>
        verdict.Locked >= verdict.FromBalance ? UInt256.Zero : verdict.FromBalance - verdict.Locked;
}
