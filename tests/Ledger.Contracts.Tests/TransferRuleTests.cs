using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// One row per transfer rule: after the row's setup, <c>canTransfer</c> predicts the refusal with exactly the
/// reason the token's <c>transfer</c> then reverts with, and nothing moves. Unless a row says otherwise the
/// transfer is 100.00 USDA from dev 2 (bank A, US) to dev 4 (bank A, US).
/// </summary>
public sealed class TransferRuleTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Compliance = TestGenesis.Compliance;
    private static readonly Address Registry = TestGenesis.Registry;

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["paused by its issuer"] = new(
            [(0, Usda, Calls.Encode("pause()"))],
            Reason: "USDA is paused by its issuer Bank A (bank-a): no transfers until it is unpaused"),
        ["sender frozen by its bank"] = new(
            [(15, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "case 42: suspected fraud"))],
            Reason: $"sender {C(2)} is frozen by Bank A (bank-a): case 42: suspected fraud"),
        ["receiver frozen by the regulator"] = new(
            [(14, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(4), "sanctions screening hit"))],
            Reason: $"receiver {C(4)} is frozen by the regulator: sanctions screening hit"),
        ["cross-border without a corridor"] = new(
            [(1, Registry, Calls.RegisterIdentity(Dev(7), "FR", 2, TestGenesis.IdentityExpiry))],
            To: 7,
            Reason: "cross-border transfer from US to FR is not allowed: the consortium has not opened the FR–US corridor"),
        ["partially frozen balance"] = new(
            [(0, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 95_000))],
            Reason: $"transfer amount 100.00 USDA exceeds the unfrozen balance 50.00 USDA of {C(2)}: 950.00 USDA of its 1000.00 USDA is frozen"),
        ["per-transaction limit of the account"] = new(
            [(15, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(2), 9_999, 0, 0))],
            Reason: $"transfer amount 100.00 USDA exceeds the per-transaction limit 99.99 USDA for {C(2)} (its own limit)"),
        ["per-transaction limit of the jurisdiction"] = new(
            [(0, Compliance, Calls.Encode("setJurisdictionLimits(address,string,uint256,uint256,uint256)", Usda, "US", 5_000, 0, 0))],
            Reason: $"transfer amount 100.00 USDA exceeds the per-transaction limit 50.00 USDA for {C(2)} (the limit of jurisdiction US)"),
        ["daily limit"] = new(
            [
                (14, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(2), 0, 25_000, 0)),
                (2, Usda, Calls.Transfer(Dev(4), 16_000)),
            ],
            Reason: $"transfer amount 100.00 USDA exceeds the daily limit 250.00 USDA for {C(2)} (its own limit): 160.00 USDA already sent on 2024-01-01 (UTC)"),
        ["maximum balance of the receiver"] = new(
            [(15, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(4), 0, 0, 105_000))],
            Reason: $"100.00 USDA would raise the balance of {C(4)} from 1000.00 USDA above its maximum balance 1050.00 USDA (its own limit)"),
        ["revoked sender"] = new(
            [(0, Registry, Calls.RevokeIdentity(Dev(2)))],
            Reason: $"sender {C(2)} is not a registered (KYC-verified) account: its identity at Bank A (bank-a) was revoked"),
        ["unregistered receiver"] = new([], To: 7, Reason: $"receiver {C(7)} is not a registered (KYC-verified) account"),
        ["beyond the balance"] = new([], Amount: 100_001, Reason: $"transfer amount 1000.01 USDA exceeds balance 1000.00 USDA of {C(2)}"),
        ["to the zero address"] = new([], To: -1, Reason: "transfer to the zero address"),
    };

    private readonly TestLedger _ledger = new();

    public static TheoryData<string> Rules() => new(Cases.Keys);

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void CanTransfer_predicts_the_refusal_and_transfer_reverts_with_the_same_reason(string rule)
    {
        var c = Cases[rule];
        foreach (var (signer, to, data) in c.Setup)
        {
            _ledger.Ok(signer, to, data);
        }

        var receiver = c.To < 0 ? Address.Zero : Dev(c.To);
        var fromBefore = _ledger.BalanceOf(Usda, Dev(2));
        var toBefore = _ledger.BalanceOf(Usda, receiver);

        Assert.Equal((false, c.Reason), _ledger.CanTransfer(Usda, Dev(2), receiver, c.Amount));
        var receipt = _ledger.Send(2, Usda, Calls.Transfer(receiver, c.Amount));

        Assert.Equal(c.Reason, TestLedger.RevertReason(receipt));
        Assert.Empty(receipt.Logs);
        Assert.Equal(fromBefore, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal(toBefore, _ledger.BalanceOf(Usda, receiver));
    }

    [Theory]
    [InlineData(4)] // US to US
    [InlineData(3)] // US to DE, on the genesis corridor
    public void An_allowed_transfer_is_predicted_allowed_with_no_reason(int to)
    {
        Assert.Equal((true, ""), _ledger.CanTransfer(Usda, Dev(2), Dev(to), 10_000));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(to), 10_000));
        Assert.Equal((UInt256)110_000UL, _ledger.BalanceOf(Usda, Dev(to)));
    }

    [Fact]
    public void Limits_pass_at_exactly_the_limit_and_the_daily_spending_resets_on_the_next_utc_day()
    {
        _ledger.Ok(14, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(2), 10_000, 10_000, 0));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 10_000));
        Assert.False(_ledger.CanTransfer(Usda, Dev(2), Dev(4), 1).Allowed);

        _ledger.AdvanceTime(TimeSpan.FromDays(1));

        Assert.Equal((true, ""), _ledger.CanTransfer(Usda, Dev(2), Dev(4), 10_000));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 10_000));
    }

    [Fact]
    public void An_account_limit_replaces_the_jurisdiction_limit_and_clearing_it_restores_it()
    {
        _ledger.Ok(0, Compliance, Calls.Encode("setJurisdictionLimits(address,string,uint256,uint256,uint256)", Usda, "US", 5_000, 0, 0));
        _ledger.Ok(15, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(2), 0, 0, 0));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 50_000));

        _ledger.Ok(15, Compliance, Calls.Encode("clearAccountLimits(address,address)", Usda, Dev(2)));

        Assert.StartsWith("transfer amount 50.01 USDA exceeds the per-transaction limit 50.00 USDA", _ledger.Fails(2, Usda, Calls.Transfer(Dev(4), 5_001)));
    }

    [Fact]
    public void A_bank_cannot_lift_the_regulators_freeze_but_the_regulator_can()
    {
        _ledger.Ok(14, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "order 7"));
        Assert.Equal(
            $"{C(2)} was frozen by the regulator; only the regulator may unfreeze it",
            _ledger.Fails(15, Compliance, Calls.Encode("unfreezeAccount(address)", Dev(2))));
        var receipt = _ledger.Ok(14, Compliance, Calls.Encode("unfreezeAccount(address)", Dev(2)));
        Assert.Equal(["AccountUnfrozen"], _ledger.EventNames(receipt));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 1));
    }

    [Fact]
    public void Mints_respect_the_receivers_maximum_balance()
    {
        _ledger.Ok(15, Compliance, Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(4), 0, 0, 100_500));
        Assert.Equal(
            $"5.01 USDA would raise the balance of {C(4)} from 1000.00 USDA above its maximum balance 1005.00 USDA (its own limit)",
            _ledger.Fails(0, Usda, Calls.Mint(Dev(4), 501)));
        _ledger.Ok(0, Usda, Calls.Mint(Dev(4), 500));
    }

    [Fact]
    public void A_corridor_opened_by_a_majority_of_banks_allows_the_cross_border_transfer()
    {
        _ledger.Ok(1, Registry, Calls.RegisterIdentity(Dev(7), "FR", 2, TestGenesis.IdentityExpiry));
        var proposal = _ledger.Ok(0, Compliance, Calls.Encode("proposeCorridor(string,string,bool)", "US", "FR", true));
        Assert.Equal(["ProposalCreated", "ProposalApproved"], _ledger.EventNames(proposal));
        Assert.False(_ledger.CanTransfer(Usda, Dev(2), Dev(7), 1).Allowed);

        var approval = _ledger.Ok(1, Compliance, Calls.Encode("approveProposal(uint256)", 1));

        Assert.Equal(["ProposalApproved", "CorridorChanged", "ProposalExecuted"], _ledger.EventNames(approval));
        Assert.Equal((true, ""), _ledger.CanTransfer(Usda, Dev(2), Dev(7), 1));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(7), 1));
    }

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string C(int i) => Dev(i).ToChecksumString();

    private sealed record Case((int Signer, Address To, byte[] Data)[] Setup, string Reason, int To = 4, ulong Amount = 10_000);
}
