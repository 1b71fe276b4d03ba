using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Merchants;

/// <summary>
/// Merchant payments: invoices with EIP-681 payment URIs, idempotent payment, refunds, expiry, loyalty points and
/// coupons. A custodian (see <see cref="Consortium.IsCustodian"/>): paying an invoice moves the payer's tokens in
/// the one transaction the payer signs, without an ERC-20 approve first. The module never holds tokens itself:
/// payments go payer → merchant and refunds merchant → payer, each through the token's own transfer rules.
/// </summary>
public sealed partial class MerchantModule : ModuleBase
{
    public const string ModuleName = "Merchant";

    /// <summary>Longest invoice memo, in UTF-8 bytes (an order number and a line of text, not a receipt).</summary>
    public const int MaxMemoBytes = 200;

    /// <summary>Longest coupon code accepted at payment, in UTF-8 bytes.</summary>
    public const int MaxCouponCodeBytes = 64;

    private static readonly uint TransferFromSelector = AbiSelector.Of("transferFrom(address,address,uint256)");

    private readonly Consortium _consortium;
    private readonly TransferPolicy _policy;
    private readonly EventDefinition _invoiceCreated;
    private readonly EventDefinition _invoicePaid;
    private readonly EventDefinition _invoiceRefunded;
    private readonly EventDefinition _loyaltyProgramSet;
    private readonly EventDefinition _pointsEarned;
    private readonly EventDefinition _pointsRedeemed;
    private readonly EventDefinition _couponCreated;
    private readonly EventDefinition _couponUsed;

    public MerchantModule(TransferPolicy policy, Address address)
        : base(ModuleName, address, "Merchant.json")
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _consortium = policy.Consortium;

        Register("createInvoice(address,uint256,uint64,string)", 60_000, (c, ref a) => CreateInvoice(c, ref a, withCouponFlag: false));
        Register("createInvoice(address,uint256,uint64,string,bool)", 60_000, (c, ref a) => CreateInvoice(c, ref a, withCouponFlag: true));
        Register("getInvoice(uint256)", 5_000, GetInvoice, view: true);
        Register("invoiceCount()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(MerchantStorage.InvoiceCountTag)), view: true);
        Register("paymentUri(uint256)", 5_000, PaymentUri, view: true);
        Register("payInvoice(uint256)", 60_000, (c, ref a) => PayInvoice(c, ref a, withCoupon: false, withPoints: false));
        Register("payInvoice(uint256,string)", 70_000, (c, ref a) => PayInvoice(c, ref a, withCoupon: true, withPoints: false));
        Register("payInvoiceWithPoints(uint256,uint256,string)", 80_000, (c, ref a) => PayInvoice(c, ref a, withCoupon: true, withPoints: true));
        Register("payInvoiceExact(uint256,uint256,address,uint256,string)", 80_000, PayInvoiceExact);
        Register("refund(uint256,uint256)", 50_000, Refund);
        Register("setLoyalty(uint256,uint256)", 30_000, SetLoyalty);
        Register("loyaltyOf(address)", 2_600, LoyaltyOf, view: true);
        Register("pointsOf(address,address)", 2_600, PointsOf, view: true);
        Register("createCoupon(bytes32,uint8,uint256,uint64)", 40_000, CreateCoupon);
        Register("getCoupon(address,bytes32)", 2_600, GetCoupon, view: true);

        _invoiceCreated = DeclareEvent("InvoiceCreated(uint256,address,address,uint256,uint64,string)");
        _invoicePaid = DeclareEvent("InvoicePaid(uint256,address,address,uint256,uint256,uint256,uint256)");
        _invoiceRefunded = DeclareEvent("InvoiceRefunded(uint256,address,address,uint256,uint256)");
        _loyaltyProgramSet = DeclareEvent("LoyaltyProgramSet(address,uint256,uint256)");
        _pointsEarned = DeclareEvent("PointsEarned(address,address,uint256,uint256,uint256)");
        _pointsRedeemed = DeclareEvent("PointsRedeemed(address,address,uint256,uint256,uint256,uint256)");
        _couponCreated = DeclareEvent("CouponCreated(address,bytes32,uint8,uint256,uint64)");
        _couponUsed = DeclareEvent("CouponUsed(address,bytes32,uint256,address,uint256)");
    }

    /// <summary>Nothing at genesis: no invoices, programmes or coupons.</summary>
    public override void InitializeGenesis(IModuleContext context)
    {
    }

    private static ulong NowSeconds(IModuleContext context) => context.TimestampMs / 1000;

    private static string FormatTime(ulong seconds) => IdentityRegistry.FormatTime(seconds);

    /// <summary>Merchants and customers act only while their identity is verified (registered, unexpired, unrevoked).</summary>
    private void RequireVerified(IModuleContext context, Address account, string action)
    {
        var stored = IdentityStorage.Load(context, _consortium.Registry, account);
        if (stored is null || !IdentityRecord.IsVerifiedAt(stored, NowSeconds(context)))
        {
            throw Revert($"{_policy.NotVerified(context, "caller", account)}; only a verified account may {action}");
        }
    }

    private TokenInfo RequireToken(Address token) =>
        _consortium.FindToken(token)
        ?? throw Revert($"{token.ToChecksumString()} is not a deposit token of this ledger; invoices are priced in one of: " +
                        string.Join(", ", _consortium.Tokens.Select(t => $"{t.Symbol} {t.Address.ToChecksumString()}")));

    /// <summary>
    /// Moves <paramref name="amount"/> from the signer (<paramref name="from"/> = the transaction's origin) to
    /// <paramref name="to"/> through the token's transferFrom, as a custodian (no allowance). A refusal reverts
    /// this whole call with the token's reason, so nothing recorded before it survives.
    /// </summary>
    private static void MoveTokens(IModuleContext context, TokenInfo token, Address from, Address to, UInt256 amount, string what)
    {
        var call = new AbiWriter(3).WriteAddress(from).WriteAddress(to).WriteUInt256(amount).ToCallData(TransferFromSelector);
        var result = context.CallModule(token.Address, call);
        if (!result.Success)
        {
            throw Revert($"{what} failed: {result.RevertReason ?? "the token refused the transfer"}");
        }
    }
}
