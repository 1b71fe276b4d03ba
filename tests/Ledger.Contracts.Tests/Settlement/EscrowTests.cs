using Ledger.Contracts.Settlement;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Settlement.SettlementDriver;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>Two-phase escrow: approve, reject and reclaim after the deadline, each once, by the right party only.</summary>
public sealed class EscrowTests : IDisposable
{
    private static readonly UInt256 Amount = new(25_000);
    private static readonly Hash32 TravelRuleRef = Keccak256.Hash("escrow envelope"u8);

    private readonly SettlementDriver _s = new();

    private TestLedger Ledger => _s.Ledger;

    [Fact]
    public void Opening_an_escrow_moves_the_funds_into_custody_and_the_view_shows_it_open()
    {
        var before = _s.Snapshot();

        var (id, receipt) = Open();

        Assert.Equal(before[$"{TestGenesis.Usda} {Dev(Payer)}"] - Amount, _s.Usda(Payer));
        Assert.Equal(Amount, Ledger.BalanceOf(TestGenesis.Usda, SettlementAddress));
        Assert.Equal(["Transfer", "EscrowOpened"], Ledger.EventNames(receipt));
        var view = View(id);
        Assert.Equal(EscrowState.Open, view.State);
        Assert.Equal(Dev(Payer), view.Payer);
        Assert.Equal(Dev(Beneficiary), view.Beneficiary);
        Assert.Equal(TestGenesis.Usda, view.Token);
        Assert.Equal(Amount, view.Amount);
        Assert.Equal(TravelRuleRef, view.TravelRuleRef);
        Assert.Equal(id, Ledger.UInt256View(SettlementAddress, "escrowCount()"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void The_beneficiary_s_bank_approves_and_the_beneficiary_is_paid_once(int staff)
    {
        var (id, _) = Open();
        var beneficiaryBefore = _s.Usda(Beneficiary);

        var receipt = Ledger.Ok(staff, SettlementAddress, Calls.Encode("approveEscrow(uint256)", id));

        Assert.Equal(["Transfer", "EscrowApproved"], Ledger.EventNames(receipt));
        Assert.Equal(beneficiaryBefore + Amount, _s.Usda(Beneficiary));
        Assert.Equal(UInt256.Zero, Ledger.BalanceOf(TestGenesis.Usda, SettlementAddress));
        Assert.Equal(EscrowState.Approved, View(id).State);
        AssertFinal(id, "approved");
    }

    [Fact]
    public void The_beneficiary_s_bank_rejects_with_a_reason_and_the_payer_is_refunded_once()
    {
        var payerBefore = _s.Usda(Payer);
        var (id, _) = Open();

        var receipt = Ledger.Ok(16, SettlementAddress, Calls.Encode("rejectEscrow(uint256,string)", id, "screening hit"));

        Assert.Equal(payerBefore, _s.Usda(Payer));
        Assert.Equal(UInt256.Zero, Ledger.BalanceOf(TestGenesis.Usda, SettlementAddress));
        Assert.Equal(EscrowState.Rejected, View(id).State);
        Assert.Equal("screening hit", new AbiReader(_s.LastSettlementLog(receipt).Data, "EscrowRejected").ReadString("reason"));
        AssertFinal(id, "rejected");
    }

    [Fact]
    public void After_the_deadline_the_payer_reclaims_and_the_bank_can_no_longer_approve()
    {
        var payerBefore = _s.Usda(Payer);
        var (id, _) = Open(deadlineIn: 60);
        var early = Ledger.Fails(Payer, SettlementAddress, Calls.Encode("reclaimEscrow(uint256)", id));
        Assert.Contains("can be reclaimed from its deadline", early);

        Ledger.AdvanceTime(TimeSpan.FromMinutes(2));
        var late = Ledger.Fails(1, SettlementAddress, Calls.Encode("approveEscrow(uint256)", id));
        Assert.Contains("passed its deadline", late);
        var notPayer = Ledger.Fails(4, SettlementAddress, Calls.Encode("reclaimEscrow(uint256)", id));
        Assert.Contains($"only the payer {Dev(Payer).ToChecksumString()}", notPayer);
        Ledger.Ok(Payer, SettlementAddress, Calls.Encode("reclaimEscrow(uint256)", id));

        Assert.Equal(payerBefore, _s.Usda(Payer));
        Assert.Equal(EscrowState.Reclaimed, View(id).State);
        AssertFinal(id, "reclaimed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(Beneficiary)]
    [InlineData(Payer)]
    public void Only_the_staff_of_the_beneficiary_s_bank_may_decide(int caller)
    {
        var (id, _) = Open();
        var before = _s.Snapshot();

        var approve = Ledger.Fails(caller, SettlementAddress, Calls.Encode("approveEscrow(uint256)", id));
        var reject = Ledger.Fails(caller, SettlementAddress, Calls.Encode("rejectEscrow(uint256,string)", id, "no"));

        Assert.Contains("only the staff of the beneficiary's bank Bank B (bank-b)", approve);
        Assert.Contains("only the staff of the beneficiary's bank", reject);
        _s.AssertUnchanged(before);
        Assert.Equal(EscrowState.Open, View(id).State);
    }

    [Fact]
    public void An_escrow_to_an_unregistered_account_is_refused_at_open_and_moves_nothing()
    {
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, OpenCall(Dev(7), Amount, _s.NextBlockSeconds + 600));

        Assert.Contains("openEscrow refused", reason);
        Assert.Contains("not a registered", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void An_escrow_across_a_closed_corridor_is_refused_at_open()
    {
        Ledger.Ok(0, TestGenesis.Compliance, Calls.Encode("proposeCorridor(string,string,bool)", "US", "DE", false));
        Ledger.Ok(1, TestGenesis.Compliance, Calls.Encode("approveProposal(uint256)", 1));
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, OpenCall(Dev(Beneficiary), Amount, _s.NextBlockSeconds + 600));

        Assert.Contains("corridor", reason);
        _s.AssertUnchanged(before);
    }

    [Theory]
    [InlineData(0UL, "is not after the current block time")]
    [InlineData(100UL * 86_400, "more than 90 days")]
    public void A_deadline_in_the_past_or_too_far_ahead_is_refused(ulong deadlineIn, string expected)
    {
        var reason = Ledger.Fails(Payer, SettlementAddress, OpenCall(Dev(Beneficiary), Amount, _s.NextBlockSeconds + deadlineIn));

        Assert.Contains(expected, reason);
    }

    [Fact]
    public void More_than_the_payer_holds_is_refused_at_open()
    {
        var reason = Ledger.Fails(Payer, SettlementAddress, OpenCall(Dev(Beneficiary), _s.Usda(Payer) + UInt256.One, _s.NextBlockSeconds + 600));

        Assert.Contains("exceeds balance", reason);
        Assert.Equal(UInt256.Zero, Ledger.BalanceOf(TestGenesis.Usda, SettlementAddress));
    }

    [Fact]
    public void An_unknown_escrow_is_reported_as_such()
    {
        var outcome = Ledger.Call(SettlementAddress, Calls.Encode("getSettlement(uint256)", 99));

        Assert.False(outcome.Success);
        Assert.Contains("escrow #99 does not exist", outcome.RevertReason);
    }

    public void Dispose() => _s.Dispose();

    private (UInt256 Id, Ledger.Core.Chain.Receipt Receipt) Open(ulong deadlineIn = 3_600)
    {
        var receipt = Ledger.Ok(Payer, SettlementAddress, OpenCall(Dev(Beneficiary), Amount, _s.NextBlockSeconds + deadlineIn));
        return (IdOf(receipt), receipt);
    }

    private static byte[] OpenCall(Address beneficiary, UInt256 amount, ulong deadline) =>
        Calls.Encode("openEscrow(address,address,uint256,uint64,bytes32)", TestGenesis.Usda, beneficiary, amount, deadline, TravelRuleRef);

    private (EscrowState State, Address Payer, Address Beneficiary, Address Token, UInt256 Amount, ulong Deadline, Hash32 TravelRuleRef) View(UInt256 id)
    {
        var r = new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("getSettlement(uint256)", id)), "getSettlement");
        return ((EscrowState)r.ReadUInt8("state"), r.ReadAddress("payer"), r.ReadAddress("beneficiary"), r.ReadAddress("token"),
            r.ReadUInt256("amount"), r.ReadUInt64("deadline"), new Hash32(r.ReadBytes32("travelRuleRef")));
    }

    /// <summary>No transition out of a final state: each attempt names the state and changes nothing.</summary>
    private void AssertFinal(UInt256 id, string state)
    {
        var before = _s.Snapshot();
        Ledger.AdvanceTime(TimeSpan.FromDays(1));
        foreach (var (signer, call) in new[]
        {
            (1, Calls.Encode("approveEscrow(uint256)", id)),
            (16, Calls.Encode("rejectEscrow(uint256,string)", id, "again")),
            (Payer, Calls.Encode("reclaimEscrow(uint256)", id)),
        })
        {
            Assert.Contains($"it was already {state} at block", Ledger.Fails(signer, SettlementAddress, call));
        }

        _s.AssertUnchanged(before);
    }
}
