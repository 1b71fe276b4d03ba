using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests.Merchants;

/// <summary>
/// A <see cref="TestLedger"/> with the Merchant module's calls spelled out, and the conservation check every
/// merchant test ends with: no token was created or destroyed and the module itself holds nothing.
/// </summary>
public sealed class MerchantLedger : IDisposable
{
    /// <summary>Every registered test customer starts with 1,000.00 of each token (2 decimals).</summary>
    public static readonly UInt256 StartBalance = new(100_000);

    public static readonly Address Module = TestGenesis.Merchant;

    public TestLedger Ledger { get; } = new();

    /// <summary>One hour after the next block: a comfortable invoice or coupon expiry.</summary>
    public ulong InAnHour => (Ledger.TimestampMs / 1000) + 3_600;

    public static Address Dev(int i) => DevKeys.Address(i);

    public static string C(int i) => DevKeys.Address(i).ToChecksumString();

    /// <summary>Creates an invoice from dev account <paramref name="merchant"/>; returns its id (the call's output).</summary>
    public UInt256 CreateInvoice(int merchant, ulong amount, Address? token = null, ulong? expiry = null, string memo = "order 1", bool? acceptCoupons = null)
    {
        var data = acceptCoupons is { } accept
            ? Calls.Encode("createInvoice(address,uint256,uint64,string,bool)", token ?? TestGenesis.Usda, amount, expiry ?? InAnHour, memo, accept)
            : Calls.Encode("createInvoice(address,uint256,uint64,string)", token ?? TestGenesis.Usda, amount, expiry ?? InAnHour, memo);
        var receipt = Ledger.Ok(merchant, Module, data);
        return new AbiReader(receipt.Output, "createInvoice").ReadUInt256("id");
    }

    public static byte[] Pay(UInt256 id) => Calls.Encode("payInvoice(uint256)", id);

    public static byte[] Pay(UInt256 id, string coupon) => Calls.Encode("payInvoice(uint256,string)", id, coupon);

    public static byte[] PayWithPoints(UInt256 id, ulong points, string coupon = "") =>
        Calls.Encode("payInvoiceWithPoints(uint256,uint256,string)", id, points, coupon);

    public static byte[] PayExact(UInt256 id, ulong amount, Address merchant, ulong points = 0, string coupon = "") =>
        Calls.Encode("payInvoiceExact(uint256,uint256,address,uint256,string)", id, amount, merchant, points, coupon);

    public static byte[] Refund(UInt256 id, ulong amount) => Calls.Encode("refund(uint256,uint256)", id, amount);

    public static byte[] SetLoyalty(ulong pointsPerUnit, ulong pointValue) => Calls.Encode("setLoyalty(uint256,uint256)", pointsPerUnit, pointValue);

    public static Hash32 CodeHash(string code) => Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(code));

    public byte[] CreateCoupon(string code, byte kind, ulong value, ulong? expiry = null) =>
        Calls.Encode("createCoupon(bytes32,uint8,uint256,uint64)", CodeHash(code), kind, value, expiry ?? InAnHour);

    public Receipt Ok(int signer, byte[] data) => Ledger.Ok(signer, Module, data);

    public string Fails(int signer, byte[] data) => Ledger.Fails(signer, Module, data);

    public UInt256 Usda(int account) => Ledger.BalanceOf(TestGenesis.Usda, Dev(account));

    public UInt256 Points(int merchant, int customer) =>
        new AbiReader(Ledger.View(Module, Calls.Encode("pointsOf(address,address)", Dev(merchant), Dev(customer))), "pointsOf").ReadUInt256("points");

    public InvoiceView Invoice(UInt256 id)
    {
        var reader = new AbiReader(Ledger.View(Module, Calls.Encode("getInvoice(uint256)", id)), "getInvoice");
        return new InvoiceView(
            reader.ReadAddress("merchant"),
            reader.ReadAddress("token"),
            reader.ReadUInt256("amount"),
            reader.ReadUInt256("paidAmount"),
            reader.ReadAddress("payer"),
            reader.ReadUInt8("status"),
            reader.ReadUInt64("expiry"),
            reader.ReadString("memo"),
            reader.ReadUInt256("refunded"),
            reader.ReadUInt256("discount"),
            reader.ReadUInt256("pointsRedeemed"),
            reader.ReadUInt64("paidBlock"),
            reader.ReadBool("acceptCoupons"));
    }

    /// <summary>Each token's supply is what genesis minted, the balances add up to it, and the module holds none.</summary>
    public void AssertSupplyUnchanged()
    {
        var genesisSupply = new UInt256((ulong)TestGenesis.RegisteredCustomers * 100_000);
        foreach (var token in new[] { TestGenesis.Usda, TestGenesis.Eurb })
        {
            Assert.Equal(genesisSupply, Ledger.UInt256View(token, "totalSupply()"));
            var sum = UInt256.Zero;
            for (var i = 0; i < 20; i++)
            {
                sum += Ledger.BalanceOf(token, Dev(i));
            }

            Assert.Equal(UInt256.Zero, Ledger.BalanceOf(token, Module));
            Assert.Equal(genesisSupply, sum);
        }

        Assert.Empty(Ledger.ModuleFaults);
    }

    public void Dispose() => Ledger.Dispose();
}

/// <summary>The thirteen values of <c>getInvoice</c>.</summary>
public sealed record InvoiceView(
    Address Merchant,
    Address Token,
    UInt256 Amount,
    UInt256 PaidAmount,
    Address Payer,
    byte Status,
    ulong Expiry,
    string Memo,
    UInt256 Refunded,
    UInt256 Discount,
    UInt256 PointsRedeemed,
    ulong PaidBlock,
    bool AcceptCoupons);
