using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// Second-factor approval: dev 2 sets dev 20 as its USDA guardian with a 100.00 threshold; larger transfers wait
/// in the token's own address for the guardian, or go back.
/// </summary>
public sealed class GuardianTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Compliance = TestGenesis.Compliance;

    private readonly TestLedger _ledger = new();

    public GuardianTests() => _ledger.Ok(2, Usda, Calls.Encode("setGuardian(address,uint256)", Dev(20), 10_000));

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Fact]
    public void A_transfer_up_to_the_threshold_is_delivered_at_once()
    {
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 10_000));
        Assert.Equal((UInt256)110_000UL, _ledger.BalanceOf(Usda, Dev(4)));
    }

    [Fact]
    public void A_larger_transfer_is_held_predicted_by_canTransfer_and_released_by_the_guardian()
    {
        var (allowed, reason) = _ledger.CanTransfer(Usda, Dev(2), Dev(4), 10_001);
        Assert.True(allowed);
        Assert.Equal($"held for guardian approval: 100.01 USDA is above the threshold 100.00 USDA that {C(2)} set; its guardian {C(20)} must approve it", reason);

        var held = _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 10_001));

        Assert.Equal(["Transfer", "TransferHeld"], _ledger.EventNames(held));
        Assert.Equal(AbiTopic.FromAddress(Usda), held.Logs[0].Topics[2]);
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(4)));
        Assert.Equal((UInt256)10_001UL, _ledger.BalanceOf(Usda, Usda));
        Assert.Equal((Dev(2), Dev(4), (UInt256)10_001UL, (byte)1), Held(1));
        Assert.Equal(
            $"only the guardian of {C(2)} may approve held transfer 1; the caller is {C(2)}",
            _ledger.Fails(2, Usda, Calls.Encode("approveHeldTransfer(uint256)", 1)));

        var released = _ledger.Ok(20, Usda, Calls.Encode("approveHeldTransfer(uint256)", 1));

        Assert.Equal(["Transfer", "HeldTransferReleased"], _ledger.EventNames(released));
        // HeldTransferReleased(id, approver, from; to, amount) names the sender too, for its records.
        Assert.Equal(AbiTopic.FromAddress(Dev(2)), released.Logs[1].Topics[3]);
        Assert.Equal(new AbiWriter(2).WriteAddress(Dev(4)).WriteUInt256(10_001UL).ToArray(), released.Logs[1].Data);
        Assert.Equal((UInt256)110_001UL, _ledger.BalanceOf(Usda, Dev(4)));
        Assert.Equal(UInt256.Zero, _ledger.BalanceOf(Usda, Usda));
        Assert.Equal("held transfer 1 was already released to the receiver", _ledger.Fails(20, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 1)));
    }

    [Fact]
    public void After_its_deadline_a_held_transfer_cannot_be_released_and_anyone_may_return_it()
    {
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 50_000));
        Assert.StartsWith("until it expires at ", _ledger.Fails(5, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 1)));

        _ledger.AdvanceTime(TimeSpan.FromDays(1));

        Assert.StartsWith("held transfer 1 expired at ", _ledger.Fails(20, Usda, Calls.Encode("approveHeldTransfer(uint256)", 1)));
        var returned = _ledger.Ok(5, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 1));
        Assert.Equal(["Transfer", "HeldTransferReturned"], _ledger.EventNames(returned));
        // HeldTransferReturned(id, from, to; amount, expired): the parties and the amount, and that it had expired.
        Assert.Equal(new AbiWriter(2).WriteUInt256(50_000UL).WriteBool(true).ToArray(), returned.Logs[1].Data);
        Assert.Equal([AbiTopic.FromAddress(Dev(2)), AbiTopic.FromAddress(Dev(4))], returned.Logs[1].Topics.Skip(2));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal((byte)3, Held(1).Status);
    }

    [Fact]
    public void Release_rechecks_the_receiver_so_a_frozen_receiver_gets_nothing()
    {
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 50_000));
        _ledger.Ok(15, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(4), "case 5"));
        Assert.Equal(
            $"held transfer 1 cannot be released: receiver {C(4)} is frozen by Bank A (bank-a): case 5",
            _ledger.Fails(20, Usda, Calls.Encode("approveHeldTransfer(uint256)", 1)));
        _ledger.Ok(20, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 1)); // the guardian may reject it
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void Changing_the_guardian_needs_the_guardians_approval_or_the_banks_reset()
    {
        var request = _ledger.Ok(2, Usda, Calls.Encode("setGuardian(address,uint256)", Address.Zero, 0));
        Assert.Equal(["GuardianChangeRequested"], _ledger.EventNames(request));
        Assert.Equal(Dev(20), GuardianOf(2));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 10_001)); // still held
        Assert.Equal(
            $"only the current USDA guardian of {C(2)} may approve a change of it; the caller is {C(2)}",
            _ledger.Fails(2, Usda, Calls.Encode("approveGuardianChange(address)", Dev(2))));

        _ledger.Ok(20, Usda, Calls.Encode("approveGuardianChange(address)", Dev(2)));

        Assert.Equal(Address.Zero, GuardianOf(2));
        _ledger.Ok(15, Usda, Calls.Encode("resetGuardian(address,address,uint256)", Dev(2), Dev(21), 0));
        Assert.Equal(Dev(21), GuardianOf(2));
        Assert.StartsWith(
            "only the operator or a compliance officer of the bank that registered",
            _ledger.Fails(16, Usda, Calls.Encode("resetGuardian(address,address,uint256)", Dev(2), Dev(22), 0)));
    }

    [Fact]
    public void Recovery_waits_until_held_transfers_are_cancelled()
    {
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 50_000));
        var id = _ledger.Request(0, Calls.Encode("requestRecovery(address,address)", Dev(2), Dev(22)));
        _ledger.Approve(15, id);
        _ledger.AdvanceTime(TimeSpan.FromSeconds(FourEyesSteps.Defaults.RecoveryDelaySeconds));
        var execute = Calls.Encode("executeRequest(uint256)", id);
        Assert.Equal(
            $"request {id} cannot be carried out now: recovery stopped: {C(2)} has 1 USDA transfer(s) waiting for its guardian; " +
            "its bank cancels them (cancelHeldTransfer) before recovering the account; it stays open",
            _ledger.Fails(0, TestGenesis.Compliance, execute));
        _ledger.Ok(0, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 1));
        _ledger.Ok(0, TestGenesis.Compliance, execute);
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(22)));
    }

    private (Address From, Address To, UInt256 Amount, byte Status) Held(ulong id)
    {
        var r = new AbiReader(_ledger.View(Usda, Calls.Encode("heldTransfer(uint256)", id)), "heldTransfer");
        var from = r.ReadAddress("from");
        var to = r.ReadAddress("to");
        var amount = r.ReadUInt256("amount");
        r.ReadUInt64("deadline");
        return (from, to, amount, r.ReadUInt8("status"));
    }

    private Address GuardianOf(int account) =>
        new AbiReader(_ledger.View(Usda, Calls.Encode("guardianOf(address)", Dev(account))), "guardianOf").ReadAddress("guardian");

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string C(int i) => Dev(i).ToChecksumString();
}
