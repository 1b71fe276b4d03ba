using System.Buffers.Binary;
using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// The FX rate board: each bank's FX desk (its operator or a compliance officer) posts a rate per currency pair
/// with a validity window. Rates are fixed point with 18 decimals: whole units of the quote currency per whole
/// unit of the base currency.
/// </summary>
public sealed partial class SettlementModule
{
    /// <summary>1.0 as a rate.</summary>
    public static readonly UInt256 RateScale = new(1_000_000_000_000_000_000UL);

    /// <summary>How far a quote's rate may lie from its provider's board rate: 100 bps = 1 %.</summary>
    public const ulong RateToleranceBps = 100;

    /// <summary>The longest validity window of a posted rate: a day. A board rate is a reference, not a standing offer.</summary>
    public const ulong MaxRateValiditySeconds = 86_400;

    private EventDefinition _ratePosted = null!;

    private void RegisterRateBoard()
    {
        _ratePosted = DeclareEvent("RatePosted(address,string,string,uint256,uint64,uint64)");
        Register("postRate(string,string,uint256,uint64)", 40_000, PostRate);
        Register("getRate(address,string,string)", 2_600, GetRate, view: true);
        Register("rateToleranceBps()", 1_000, (_, ref _) => AbiWriter.EncodeUInt256(RateToleranceBps), view: true);
    }

    private byte[] PostRate(IModuleContext context, ref AbiReader args)
    {
        var baseCurrency = args.ReadString("base");
        var quoteCurrency = args.ReadString("quote");
        var rate = args.ReadUInt256("rate");
        var validUntil = args.ReadUInt64("validUntil");

        var bank = ProviderBank(context, context.Caller);
        if (bank < 0)
        {
            throw Revert(
                $"only a bank's FX desk (its operator or a compliance officer) may post rates; {context.Caller.ToChecksumString()} works for no bank");
        }

        RequireCurrency(baseCurrency, "base");
        RequireCurrency(quoteCurrency, "quote");
        Require(baseCurrency != quoteCurrency, $"a rate needs two different currencies, got {baseCurrency}/{quoteCurrency}");
        Require(!rate.IsZero, $"the rate of {baseCurrency}/{quoteCurrency} must be above zero (18 decimals: 1.0 = 1000000000000000000)");
        var now = NowSeconds(context);
        Require(validUntil > now, $"validUntil {IdentityRegistry.FormatTime(validUntil)} is not after the current block time {IdentityRegistry.FormatTime(now)}");
        Require(
            validUntil - now <= MaxRateValiditySeconds,
            $"validUntil {IdentityRegistry.FormatTime(validUntil)} is more than {MaxRateValiditySeconds / 3600} hours after the current block time {IdentityRegistry.FormatTime(now)}");

        var value = new byte[UInt256.Length + 16];
        rate.WriteBigEndian(value);
        BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(UInt256.Length), now);
        BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(UInt256.Length + 8), validUntil);
        context.SetStorage(SettlementStorage.RateKey(context.Caller, baseCurrency, quoteCurrency), value);
        Emit(
            context,
            _ratePosted,
            new AbiWriter(6).WriteString(baseCurrency).WriteString(quoteCurrency).WriteUInt256(rate).WriteUInt64(now).WriteUInt64(validUntil).ToArray(),
            AbiTopic.FromAddress(context.Caller));
        return [];
    }

    private byte[] GetRate(IModuleContext context, ref AbiReader args)
    {
        var provider = args.ReadAddress("provider");
        var baseCurrency = args.ReadString("base");
        var quoteCurrency = args.ReadString("quote");
        RequireCurrency(baseCurrency, "base");
        RequireCurrency(quoteCurrency, "quote");
        var (rate, postedAt, validUntil) = ReadRate(context, provider, baseCurrency, quoteCurrency);
        return new AbiWriter(3).WriteUInt256(rate).WriteUInt64(postedAt).WriteUInt64(validUntil).ToArray();
    }

    private static (UInt256 Rate, ulong PostedAt, ulong ValidUntil) ReadRate(IModuleContext context, Address provider, string baseCurrency, string quoteCurrency)
    {
        var stored = context.GetStorage(context.Self, SettlementStorage.RateKey(provider, baseCurrency, quoteCurrency));
        if (stored is not { Length: UInt256.Length + 16 })
        {
            return (UInt256.Zero, 0, 0);
        }

        return (
            UInt256.FromBigEndian(stored.AsSpan(0, UInt256.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored.AsSpan(UInt256.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored.AsSpan(UInt256.Length + 8)));
    }

    /// <summary>The bank whose FX desk <paramref name="account"/> is (its operator or compliance officer), or −1.</summary>
    private int ProviderBank(IModuleContext context, Address account)
    {
        var (roles, bank) = ComplianceStorage.Staff(context, _consortium.Compliance, account);
        return roles == StaffRoles.None ? -1 : bank;
    }

    private static void RequireCurrency(string code, string name)
    {
        if (code.Length != SettlementStorage.CurrencyLength || !code.All(char.IsAsciiLetterUpper))
        {
            throw Revert($"{name} currency must be an ISO 4217 code of three uppercase letters (e.g. \"USD\"), got \"{code}\"");
        }
    }

    private static ulong NowSeconds(IModuleContext context) => context.TimestampMs / 1000;
}
