using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>LEIs, updates and key recovery: the identity registry's extensions beyond register/revoke.</summary>
public sealed class IdentityLifecycleTests : IDisposable
{
    private const string AppleLei = "HWUPKR0MPOU8FGXBT394";
    private static readonly Address Registry = TestGenesis.Registry;
    private static readonly Address Compliance = TestGenesis.Compliance;
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Eurb = TestGenesis.Eurb;
    private static readonly ulong Expiry = TestGenesis.IdentityExpiry;

    private readonly TestLedger _ledger = new();

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Fact]
    public void A_company_is_registered_with_its_lei_and_identityOf_returns_it()
    {
        _ledger.Ok(15, Registry, Calls.Encode("registerIdentity(address,string,uint8,uint64,string)", Dev(20), "US", (byte)3, Expiry, AppleLei));

        var identity = IdentityOf(20);
        Assert.Equal(("bank-a", "US", (byte)3, Expiry, false, AppleLei), identity);
        // Renewing with the four-argument form keeps the LEI on file.
        _ledger.Ok(0, Registry, Calls.RegisterIdentity(Dev(20), "US", 2, Expiry + 1));
        Assert.Equal(AppleLei, IdentityOf(20).Lei);
    }

    [Theory]
    [InlineData("HWUPKR0MPOU8FGXBT395")] // wrong check digits
    [InlineData("HWUPKR0MPOU8FGXBT39")] // 19 characters
    [InlineData("hwupkr0mpou8fgxbt394")] // lowercase
    public void An_invalid_lei_is_refused(string lei)
    {
        var reason = _ledger.Fails(0, Registry, Calls.Encode("registerIdentity(address,string,uint8,uint64,string)", Dev(20), "US", (byte)3, Expiry, lei));
        Assert.Equal(
            $"LEI \"{lei}\" is not a valid ISO 17442 legal entity identifier (20 characters A–Z/0–9 with MOD 97-10 check digits); pass \"\" for a person",
            reason);
    }

    [Fact]
    public void The_own_bank_updates_an_identity_with_IdentityUpdated_and_a_revoked_one_must_be_re_registered()
    {
        var receipt = _ledger.Ok(16, Registry, Calls.Encode("updateIdentity(address,string,uint8,uint64,string)", Dev(3), "FR", (byte)3, Expiry, AppleLei));
        Assert.Equal(["IdentityUpdated"], _ledger.EventNames(receipt));
        Assert.Equal(("bank-b", "FR", (byte)3, Expiry, false, AppleLei), IdentityOf(3));

        _ledger.Ok(1, Registry, Calls.RevokeIdentity(Dev(3)));
        Assert.Equal(
            $"{C(3)} is revoked; registerIdentity reinstates it",
            _ledger.Fails(1, Registry, Calls.Encode("updateIdentity(address,string,uint8,uint64,string)", Dev(3), "DE", (byte)2, Expiry, "")));
        Assert.Equal(
            $"{C(20)} is not registered; use registerIdentity first",
            _ledger.Fails(1, Registry, Calls.Encode("updateIdentity(address,string,uint8,uint64,string)", Dev(20), "DE", (byte)2, Expiry, "")));
    }

    [Fact]
    public void Recovery_moves_the_identity_every_balance_the_freeze_and_the_frozen_part_to_the_new_key()
    {
        _ledger.Ok(0, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 30_000));
        _ledger.Ok(14, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "key reported lost"));
        _ledger.Ok(15, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Eurb, Dev(2), 500, 0, 0));

        var receipt = _ledger.Recover(15, Dev(2), Dev(20));

        Assert.Contains("IdentityRecovered", _ledger.EventNames(receipt));
        Assert.Equal(2, _ledger.EventNames(receipt).Count(n => n == "BalanceRecovered"));
        Assert.Contains("AccountStateRecovered", _ledger.EventNames(receipt));
        Assert.Equal(UInt256.Zero, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(20)));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Eurb, Dev(20)));
        Assert.Equal(("bank-a", "US", (byte)2, Expiry, false, ""), IdentityOf(20));
        Assert.True(IdentityOf(2).Revoked);
        Assert.Equal((UInt256)30_000UL, Word(Usda, Calls.Encode("getFrozenTokens(address)", Dev(20))));
        Assert.Equal(
            $"sender {C(20)} is frozen by the regulator: key reported lost",
            _ledger.Fails(20, Usda, Calls.Transfer(Dev(4), 1)));
        Assert.Equal(
            $"sender {C(2)} is not a registered (KYC-verified) account: Bank A (bank-a) recovered it to a new key",
            _ledger.Fails(2, Usda, Calls.Transfer(Dev(4), 0)));

        _ledger.Ok(14, Compliance, Calls.Encode("unfreezeAccount(address)", Dev(20)));
        Assert.StartsWith("transfer amount 5.01 EURB exceeds the per-transaction limit 5.00 EURB", _ledger.Fails(20, Eurb, Calls.Transfer(Dev(4), 501)));
        Assert.StartsWith("transfer amount 700.01 USDA exceeds the unfrozen balance 700.00 USDA", _ledger.Fails(20, Usda, Calls.Transfer(Dev(4), 70_001)));
        _ledger.Ok(20, Usda, Calls.Transfer(Dev(4), 70_000));
    }

    [Fact]
    public void Recovery_to_a_registered_key_or_of_an_already_recovered_key_is_refused()
    {
        Assert.Equal(
            $"the new account {C(4)} is already registered by Bank A (bank-a); recover to a fresh key",
            _ledger.Fails(0, Compliance, Calls.Encode("requestRecovery(address,address)", Dev(2), Dev(4))));
        _ledger.Recover(0, Dev(2), Dev(20));
        Assert.Equal(
            $"{C(2)} was already recovered to another key",
            _ledger.Fails(0, Compliance, Calls.Encode("requestRecovery(address,address)", Dev(2), Dev(21))));
    }

    private (string Bank, string Jurisdiction, byte Kyc, ulong ExpiresAt, bool Revoked, string Lei) IdentityOf(int account)
    {
        var reader = new AbiReader(_ledger.View(Registry, Calls.IdentityOf(Dev(account))), "identityOf");
        return (reader.ReadString("bank"), reader.ReadString("jurisdiction"), reader.ReadUInt8("kyc"), reader.ReadUInt64("expiresAt"),
            reader.ReadBool("revoked"), reader.ReadString("lei"));
    }

    private UInt256 Word(Address to, byte[] data) => new AbiReader(_ledger.View(to, data), "view").ReadUInt256("value");

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string C(int i) => Dev(i).ToChecksumString();
}
