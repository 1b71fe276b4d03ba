using Ledger.Contracts.Settlement;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Settlement.SettlementDriver;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>HTLCs: claim with the sha256 preimage before the deadline (published in the event), refund after it.</summary>
public sealed class HtlcTests : IDisposable
{
    private const int Sender = Payer;
    private const int Recipient = Beneficiary;
    private static readonly UInt256 Amount = new(7_500);
    private static readonly Hash32 Preimage = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly SettlementDriver _s = new();

    private TestLedger Ledger => _s.Ledger;

    [Fact]
    public void Anyone_with_the_preimage_claims_for_the_recipient_and_the_event_publishes_it()
    {
        var recipientBefore = _s.Usda(Recipient);
        var senderBefore = _s.Usda(Sender);
        var id = Lock();
        Assert.Equal(senderBefore - Amount, _s.Usda(Sender));
        Assert.Equal(Amount, Ledger.BalanceOf(TestGenesis.Usda, SettlementAddress));

        var receipt = Ledger.Ok(5, SettlementAddress, Calls.Encode("claimHtlc(uint256,bytes32)", id, Preimage));

        Assert.Equal(recipientBefore + Amount, _s.Usda(Recipient));
        Assert.Equal(UInt256.Zero, Ledger.BalanceOf(TestGenesis.Usda, SettlementAddress));
        Assert.Equal(["Transfer", "HtlcClaimed"], Ledger.EventNames(receipt));
        Assert.Equal(Preimage, new Hash32(new AbiReader(_s.LastSettlementLog(receipt).Data, "HtlcClaimed").ReadBytes32("preimage")));
        var view = View(id);
        Assert.Equal(HtlcState.Claimed, view.State);
        Assert.Equal(Preimage, view.Preimage);
        AssertFinal(id, "claimed");
    }

    [Fact]
    public void The_lock_event_is_indexed_by_the_hash_lock_for_the_other_ledger()
    {
        var receipt = Ledger.Ok(Sender, SettlementAddress, LockCall(_s.NextBlockSeconds + 600));

        var log = _s.LastSettlementLog(receipt);
        Assert.Equal(SettlementModule.HashLockOf(Preimage.ToArray()), log.Topics[3]);
        Assert.Equal(AbiTopic.FromAddress(Dev(Recipient)), log.Topics[2]);
    }

    [Fact]
    public void A_wrong_preimage_is_refused_and_moves_nothing()
    {
        var id = Lock();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(5, SettlementAddress, Calls.Encode("claimHtlc(uint256,bytes32)", id, Hash32.Zero));

        Assert.Contains($"wrong preimage for HTLC #{id}", reason);
        _s.AssertUnchanged(before);
        Assert.Equal(HtlcState.Locked, View(id).State);
    }

    [Fact]
    public void A_refund_before_the_deadline_is_refused_and_after_it_returns_the_funds_once()
    {
        var senderBefore = _s.Usda(Sender);
        var id = Lock(deadlineIn: 60);
        var early = Ledger.Fails(Sender, SettlementAddress, Calls.Encode("refundHtlc(uint256)", id));
        Assert.Contains("can be refunded from its deadline", early);

        Ledger.AdvanceTime(TimeSpan.FromMinutes(2));
        var lateClaim = Ledger.Fails(5, SettlementAddress, Calls.Encode("claimHtlc(uint256,bytes32)", id, Preimage));
        Assert.Contains("passed its deadline", lateClaim);
        var notSender = Ledger.Fails(Recipient, SettlementAddress, Calls.Encode("refundHtlc(uint256)", id));
        Assert.Contains($"only the sender {Dev(Sender).ToChecksumString()}", notSender);
        var receipt = Ledger.Ok(Sender, SettlementAddress, Calls.Encode("refundHtlc(uint256)", id));

        Assert.Equal(["Transfer", "HtlcRefunded"], Ledger.EventNames(receipt));
        Assert.Equal(senderBefore, _s.Usda(Sender));
        Assert.Equal(HtlcState.Refunded, View(id).State);
        AssertFinal(id, "refunded");
    }

    [Fact]
    public void A_zero_hash_lock_is_refused()
    {
        var reason = Ledger.Fails(
            Sender,
            SettlementAddress,
            Calls.Encode("lockHtlc(address,address,uint256,bytes32,uint64)", TestGenesis.Usda, Dev(Recipient), Amount, Hash32.Zero, _s.NextBlockSeconds + 600));

        Assert.Contains("hash lock is zero", reason);
    }

    [Fact]
    public void A_lock_for_an_unregistered_recipient_is_refused_and_moves_nothing()
    {
        var before = _s.Snapshot();

        var reason = Ledger.Fails(
            Sender,
            SettlementAddress,
            Calls.Encode("lockHtlc(address,address,uint256,bytes32,uint64)", TestGenesis.Usda, Dev(8), Amount, HashLock, _s.NextBlockSeconds + 600));

        Assert.Contains("lockHtlc refused", reason);
        _s.AssertUnchanged(before);
    }

    public void Dispose() => _s.Dispose();

    private static Hash32 HashLock => SettlementModule.HashLockOf(Preimage.ToArray());

    private UInt256 Lock(ulong deadlineIn = 3_600) => IdOf(Ledger.Ok(Sender, SettlementAddress, LockCall(_s.NextBlockSeconds + deadlineIn)));

    private static byte[] LockCall(ulong deadline) =>
        Calls.Encode("lockHtlc(address,address,uint256,bytes32,uint64)", TestGenesis.Usda, Dev(Recipient), Amount, HashLock, deadline);

    private (HtlcState State, Hash32 Preimage) View(UInt256 id)
    {
        var r = new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("getHtlc(uint256)", id)), "getHtlc");
        var state = (HtlcState)r.ReadUInt8("state");
        r.ReadAddress("sender");
        r.ReadAddress("recipient");
        r.ReadAddress("token");
        r.ReadUInt256("amount");
        r.ReadBytes32("hashLock");
        r.ReadUInt64("deadline");
        return (state, new Hash32(r.ReadBytes32("preimage")));
    }

    private void AssertFinal(UInt256 id, string state)
    {
        var before = _s.Snapshot();
        Assert.Contains($"it was already {state} at block", Ledger.Fails(5, SettlementAddress, Calls.Encode("claimHtlc(uint256,bytes32)", id, Preimage)));
        Ledger.AdvanceTime(TimeSpan.FromDays(1));
        Assert.Contains($"it was already {state} at block", Ledger.Fails(Sender, SettlementAddress, Calls.Encode("refundHtlc(uint256)", id)));
        _s.AssertUnchanged(before);
    }
}
