using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

public sealed class IdentityRegistryTests : IDisposable
{
    private static readonly Address Registry = TestGenesis.Registry;
    private static readonly ulong Expiry = TestGenesis.IdentityExpiry;

    private readonly TestLedger _ledger = new();

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string Checksum(int i) => Dev(i).ToChecksumString();

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    private bool IsVerified(int account) =>
        new AbiReader(_ledger.View(Registry, Calls.IsVerified(Dev(account))), "isVerified").ReadBool("v");

    private (string Bank, string Jurisdiction, byte Kyc, ulong ExpiresAt, bool Revoked) IdentityOf(int account)
    {
        var reader = new AbiReader(_ledger.View(Registry, Calls.IdentityOf(Dev(account))), "identityOf");
        return (reader.ReadString("bank"), reader.ReadString("jurisdiction"), reader.ReadUInt8("kyc"), reader.ReadUInt64("expiresAt"), reader.ReadBool("revoked"));
    }

    [Fact]
    public void Genesis_identities_are_verified_and_others_are_not()
    {
        Assert.True(IsVerified(0));
        Assert.True(IsVerified(5));
        Assert.False(IsVerified(6));
        Assert.Equal(("bank-b", "DE", (byte)2, Expiry, false), IdentityOf(3));
    }

    [Fact]
    public void IdentityOf_an_unknown_account_reverts()
    {
        var outcome = _ledger.Call(Registry, Calls.IdentityOf(Dev(9)));
        Assert.False(outcome.Success);
        Assert.Equal($"{Checksum(9)} is not registered", outcome.RevertReason);
        Assert.Equal($"{Checksum(9)} is not registered", TestLedger.DecodeError(outcome.Output));
    }

    [Fact]
    public void A_bank_operator_registers_an_account_for_its_bank_with_an_event()
    {
        var receipt = _ledger.Send(1, Registry, Calls.RegisterIdentity(Dev(7), "FR", 3, Expiry));

        Assert.True(receipt.Success, receipt.Success ? "" : TestLedger.RevertReason(receipt));
        Assert.True(IsVerified(7));
        Assert.Equal(("bank-b", "FR", (byte)3, Expiry, false), IdentityOf(7));
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(AbiTopic.OfEvent("IdentityRegistered(address,string,string,uint8,uint64)"), log.Topics[0]);
        Assert.Equal(AbiTopic.FromAddress(Dev(7)), log.Topics[1]);
        var data = new AbiReader(log.Data, "IdentityRegistered");
        Assert.Equal("bank-b", data.ReadString("bank"));
        Assert.Equal("FR", data.ReadString("jurisdiction"));
        Assert.Equal(3, data.ReadUInt8("kycLevel"));
        Assert.Equal(Expiry, data.ReadUInt64("expiresAt"));
    }

    [Fact]
    public void A_newly_registered_account_can_receive_tokens()
    {
        Assert.True(_ledger.Send(0, Registry, Calls.RegisterIdentity(Dev(8), "US", 1, Expiry)).Success);
        Assert.True(_ledger.Send(2, TestGenesis.Usda, Calls.Transfer(Dev(8), 500)).Success);
        Assert.Equal((UInt256)500UL, _ledger.BalanceOf(TestGenesis.Usda, Dev(8)));
    }

    [Fact]
    public void A_customer_cannot_register_identities()
    {
        var receipt = _ledger.Send(2, Registry, Calls.RegisterIdentity(Dev(7), "US", 1, Expiry));
        Assert.Equal(
            $"only a bank operator or compliance officer may register identities; {Checksum(2)} is neither",
            TestLedger.RevertReason(receipt));
        Assert.False(IsVerified(7));
    }

    [Fact]
    public void Re_registering_an_account_of_another_bank_reverts()
    {
        var receipt = _ledger.Send(1, Registry, Calls.RegisterIdentity(Dev(2), "DE", 1, Expiry));
        Assert.Equal(
            $"{Checksum(2)} is registered by Bank A (bank-a); only that bank may change its identity",
            TestLedger.RevertReason(receipt));
        Assert.Equal("bank-a", IdentityOf(2).Bank);
    }

    [Fact]
    public void The_own_bank_may_renew_an_identity_and_lift_a_revocation()
    {
        Assert.True(_ledger.Send(0, Registry, Calls.RevokeIdentity(Dev(2))).Success);
        Assert.True(_ledger.Send(0, Registry, Calls.RegisterIdentity(Dev(2), "CA", 2, Expiry + 100)).Success);
        Assert.Equal(("bank-a", "CA", (byte)2, Expiry + 100, false), IdentityOf(2));
        Assert.True(IsVerified(2));
    }

    [Fact]
    public void Revoke_by_the_own_bank_unverifies_and_emits_IdentityRevoked()
    {
        var receipt = _ledger.Send(1, Registry, Calls.RevokeIdentity(Dev(3)));

        Assert.True(receipt.Success, receipt.Success ? "" : TestLedger.RevertReason(receipt));
        Assert.False(IsVerified(3));
        Assert.True(IdentityOf(3).Revoked);
        var log = Assert.Single(receipt.Logs);
        Assert.Equal([AbiTopic.OfEvent("IdentityRevoked(address,string)"), AbiTopic.FromAddress(Dev(3))], log.Topics);
        Assert.Equal("bank-b", new AbiReader(log.Data, "IdentityRevoked").ReadString("bank"));
        Assert.Equal($"{Checksum(3)} is already revoked", TestLedger.RevertReason(_ledger.Send(1, Registry, Calls.RevokeIdentity(Dev(3)))));
    }

    [Fact]
    public void Revoke_by_another_bank_reverts()
    {
        var receipt = _ledger.Send(0, Registry, Calls.RevokeIdentity(Dev(3)));
        Assert.Equal(
            $"only the operator or a compliance officer of Bank B (bank-b) may revoke {Checksum(3)}; the caller {Checksum(0)} is not",
            TestLedger.RevertReason(receipt));
        Assert.True(IsVerified(3));
    }

    [Fact]
    public void Revoke_of_an_unknown_account_reverts()
    {
        Assert.Equal($"{Checksum(9)} is not registered", TestLedger.RevertReason(_ledger.Send(0, Registry, Calls.RevokeIdentity(Dev(9)))));
    }

    [Theory]
    [InlineData("", 1, "jurisdiction must be an ISO 3166-1 alpha-2 code of two uppercase letters (e.g. \"US\"), got \"\"")]
    [InlineData("USA", 1, "jurisdiction must be an ISO 3166-1 alpha-2 code")]
    [InlineData("us", 1, "jurisdiction must be an ISO 3166-1 alpha-2 code")]
    [InlineData("US", 0, "kycLevel 0 means not verified")]
    [InlineData("US", 4, "kycLevel 4 is not defined: use 1 (basic), 2 (standard) or 3 (enhanced due diligence)")]
    public void Invalid_registration_fields_revert_with_reason(string jurisdiction, byte kyc, string expected)
    {
        var receipt = _ledger.Send(0, Registry, Calls.RegisterIdentity(Dev(7), jurisdiction, kyc, Expiry));
        Assert.StartsWith(expected, TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void An_expiry_in_the_past_reverts()
    {
        var past = TestGenesis.TimestampMs / 1000;
        var receipt = _ledger.Send(0, Registry, Calls.RegisterIdentity(Dev(7), "US", 1, past));
        Assert.StartsWith($"expiresAt {past} (2024-01-01T00:00:00Z) is not after the current block time", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void A_kyc_level_above_uint8_reverts_instead_of_truncating()
    {
        var data = new AbiWriter().WriteAddress(Dev(7)).WriteString("US").WriteUInt64(257).WriteUInt64(Expiry)
            .ToCallData("registerIdentity(address,string,uint8,uint64)");
        var receipt = _ledger.Send(0, Registry, data);
        Assert.Equal(
            "registerIdentity(address,string,uint8,uint64): argument 3 (kycLevel): value 257 does not fit uint8",
            TestLedger.RevertReason(receipt));
        Assert.False(IsVerified(7));
    }

    [Fact]
    public void Identities_lapse_at_their_expiry()
    {
        Assert.True(IsVerified(4));
        _ledger.AdvanceTime(TimeSpan.FromSeconds(Expiry - (TestGenesis.TimestampMs / 1000) - 1));
        Assert.False(IsVerified(4)); // the next block's time is exactly expiresAt: not after it
    }
}
