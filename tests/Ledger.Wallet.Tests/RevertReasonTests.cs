using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Tests;

public sealed class RevertReasonTests
{
    private const string Account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    [Fact]
    public void Frozen_receiver_becomes_the_beneficiary_frozen_by_its_bank_with_the_reason()
    {
        var text = RevertReasons.Explain($"receiver {Account} is frozen by Bank B (bank-b): compliance");

        Assert.Equal($"the beneficiary's account {Account} is frozen by Bank B (compliance)", text);
    }

    [Fact]
    public void Frozen_sender_by_the_regulator_names_the_regulator()
    {
        var text = RevertReasons.Explain($"sender {Account} is frozen by the regulator: sanctions screening");

        Assert.Equal($"the sender's account {Account} is frozen by the regulator (sanctions screening)", text);
    }

    [Fact]
    public void Unregistered_receiver_is_the_beneficiary()
    {
        var text = RevertReasons.Explain($"receiver {Account} is not a registered (KYC-verified) account");

        Assert.Equal($"the beneficiary's account {Account} is not a registered (KYC-verified) account", text);
    }

    [Theory]
    [InlineData("there is no held USDA transfer 7")]
    [InlineData("only the guardian of 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 may approve held transfer 1")]
    public void Other_reasons_pass_through_unchanged(string reason) => Assert.Equal(reason, RevertReasons.Explain(reason));

    [Fact]
    public void Empty_reason_still_says_what_happened() =>
        Assert.Equal("the transaction was reverted without a reason", RevertReasons.Explain(string.Empty));
}
