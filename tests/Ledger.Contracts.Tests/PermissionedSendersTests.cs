using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>Who the pool admits: registered customers, bank staff, the regulator and validators; nobody else.</summary>
public sealed class PermissionedSendersTests : IDisposable
{
    private readonly TestLedger _ledger = new();
    private readonly PermissionedSenders _senders;

    public PermissionedSendersTests() => _senders = new PermissionedSenders(_ledger.Genesis);

    public void Dispose() => _ledger.Dispose();

    [Theory]
    [InlineData(2)] // a registered customer of bank A
    [InlineData(3)] // a registered customer of bank B
    [InlineData(15)] // bank A's compliance officer (no identity)
    [InlineData(14)] // the regulator
    [InlineData(10)] // the validator
    public void Registered_customers_staff_regulator_and_validators_may_send(int key)
    {
        Assert.Null(_senders.Refusal(_ledger.Chain.LatestState, DevKeys.Address(key)));
    }

    [Fact]
    public void A_key_no_bank_registered_is_refused_in_plain_words()
    {
        var stranger = DevKeys.Address(17);

        var refusal = _senders.Refusal(_ledger.Chain.LatestState, stranger);

        Assert.Equal(
            $"sender {stranger.ToChecksumString()} is not registered with any bank of this network: ask a bank to register the account (KYC) before sending transactions",
            refusal);
    }

    [Fact]
    public void A_customer_whose_bank_revoked_the_registration_is_refused()
    {
        _ledger.Ok(1, TestGenesis.Registry, Calls.RevokeIdentity(DevKeys.Address(3)));

        var refusal = _senders.Refusal(_ledger.Chain.LatestState, DevKeys.Address(3));

        Assert.Equal($"sender {DevKeys.Address(3).ToChecksumString()} is not permitted: its bank revoked its registration", refusal);
    }

    [Fact]
    public void A_genesis_without_an_identity_registry_admits_anyone()
    {
        var bare = _ledger.Genesis with { Modules = new Dictionary<string, Address>() };

        Assert.Null(new PermissionedSenders(bare).Refusal(_ledger.Chain.LatestState, DevKeys.Address(17)));
    }
}
