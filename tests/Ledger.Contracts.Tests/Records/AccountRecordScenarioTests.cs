using System.Numerics;
using Ledger.Contracts.Settlement;
using Ledger.Contracts.Tests.Settlement;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Contracts.Tests.Records;

/// <summary>
/// What each operation leaves in the account index, on the real modules: the real counterparty of every movement
/// (never the token's hold or the Settlement module), the kind and reference, outcome records for the other party,
/// and — after every scenario — each account's records summing to its balance (genesis included).
/// </summary>
public sealed class AccountRecordScenarioTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Eurb = TestGenesis.Eurb;
    private static readonly Address Settlement = TestGenesis.Settlement;

    private readonly TestLedger _ledger = new();

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        foreach (var account in Enumerable.Range(0, 22).Select(Dev).Append(Settlement).Append(Usda).Append(Eurb))
        {
            foreach (var token in new[] { Usda, Eurb })
            {
                var sum = _ledger.History(account, token).Aggregate(BigInteger.Zero, (total, r) => total + r.Change);
                Assert.Equal(_ledger.BalanceOf(token, account).ToBigInteger(), sum);
            }
        }

        _ledger.Dispose();
    }

    [Fact]
    public void Held_payment_names_its_recipient_and_its_release_on_both_sides()
    {
        _ledger.Ok(2, Usda, Calls.Encode("setGuardian(address,uint256)", Dev(20), 10_000));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 15_000));

        var sent = Newest(2);
        Assert.Equal((RecordKind.Held, RecordDirection.Out, Dev(4), Usda, Id(1)), (sent.Kind, sent.Direction, sent.Counterparty, sent.Via, sent.Reference));
        var waiting = Newest(4);
        Assert.Equal((RecordKind.Held, RecordDirection.None, Dev(2), (UInt256)15_000UL), (waiting.Kind, waiting.Direction, waiting.Counterparty, waiting.Amount));

        _ledger.Ok(20, Usda, Calls.Encode("approveHeldTransfer(uint256)", 1));

        var delivered = Newest(2);
        Assert.Equal((RecordKind.HeldReleased, RecordDirection.None, Dev(4), (UInt256)15_000UL), (delivered.Kind, delivered.Direction, delivered.Counterparty, delivered.Amount));
        var received = Newest(4);
        Assert.Equal((RecordKind.HeldReleased, RecordDirection.In, Dev(2), Usda, Id(1)), (received.Kind, received.Direction, received.Counterparty, received.Via, received.Reference));
        // history --counterparty carol: both the payment and its release.
        Assert.Equal([RecordKind.HeldReleased, RecordKind.Held], _ledger.History(Dev(2), counterparty: Dev(4)).Select(r => r.Kind));
        Assert.Empty(_ledger.History(Dev(2), counterparty: Usda));
    }

    [Fact]
    public void Cancelled_and_expired_holds_come_back_and_are_not_spending()
    {
        _ledger.Ok(2, Usda, Calls.Encode("setGuardian(address,uint256)", Dev(20), 10_000));
        var start = _ledger.Chain.HeadNumber;
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 15_000));
        _ledger.Ok(2, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 1));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 20_000));
        _ledger.AdvanceTime(TimeSpan.FromDays(2));
        _ledger.Ok(5, Usda, Calls.Encode("cancelHeldTransfer(uint256)", 2)); // anyone, once it expired

        var period = _ledger.History(Dev(2), Usda).Where(r => r.BlockNumber > start).ToList();
        Assert.Equal([RecordKind.HeldExpired, RecordKind.Held, RecordKind.HeldCancelled, RecordKind.Held], period.Select(r => r.Kind));
        Assert.All(period, r => Assert.Equal(Dev(4), r.Counterparty));
        var totals = RecordStatement.Build(period).Tokens.Single().Total;
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, new BigInteger(35_000)), (totals.Spent, totals.Received, totals.Returned));
        Assert.Equal([RecordKind.HeldExpired, RecordKind.Held, RecordKind.HeldCancelled, RecordKind.Held], _ledger.History(Dev(4), Usda).Take(4).Select(r => r.Kind));
    }

    [Fact]
    public void Invoice_payment_after_a_coupon_and_its_refund_are_named_by_the_invoice_with_the_merchant()
    {
        _ledger.Ok(5, TestGenesis.Merchant, Calls.Encode("createCoupon(bytes32,uint8,uint256,uint64)", Keccak256.Hash("TEN"u8), (byte)0, 1_000, InAnHour()));
        var created = _ledger.Ok(5, TestGenesis.Merchant, Calls.Encode("createInvoice(address,uint256,uint64,string)", Usda, 4_200, InAnHour(), "coffee"));
        var id = new AbiReader(created.Output, "createInvoice").ReadUInt256("id");
        _ledger.Ok(4, TestGenesis.Merchant, Calls.Encode("payInvoice(uint256,string)", id, "TEN"));
        _ledger.Ok(5, TestGenesis.Merchant, Calls.Encode("refund(uint256,uint256)", id, 1_000));

        var customer = _ledger.History(Dev(4), Usda).Take(2).ToList();
        Assert.Equal((RecordKind.InvoiceRefund, RecordDirection.In, (UInt256)1_000UL, Dev(5)), (customer[0].Kind, customer[0].Direction, customer[0].Amount, customer[0].Counterparty));
        Assert.Equal((RecordKind.InvoicePayment, RecordDirection.Out, (UInt256)3_780UL, Dev(5)), (customer[1].Kind, customer[1].Direction, customer[1].Amount, customer[1].Counterparty));
        Assert.All(customer, r => Assert.Equal(Id(id.ToUInt64()), r.Reference));
        var merchant = _ledger.History(Dev(5), Usda).Take(2).ToList();
        Assert.Equal([RecordKind.InvoiceRefund, RecordKind.InvoicePayment], merchant.Select(r => r.Kind));
        Assert.All(merchant, r => Assert.Equal(Dev(4), r.Counterparty));
        var spent = RecordStatement.Build(customer).Tokens.Single().ByCounterparty.Single();
        Assert.Equal((Dev(5), new BigInteger(2_780)), (spent.Counterparty, spent.Line.Spent));
    }

    [Fact]
    public void Fx_settlement_legs_show_payer_and_beneficiary_to_each_other_with_the_provider_between()
    {
        using var driver = new SettlementDriver();
        var ledger = driver.Ledger;
        driver.PostRate();
        driver.ApproveProvider();
        var quote = driver.Quote();
        var receipt = ledger.Ok(SettlementDriver.Payer, Settlement, SettlementDriver.SettleCall(quote, driver.Sign(quote)));
        var digest = new Hash32(receipt.Output);

        var paid = ledger.History(Dev(2), Usda)[0];
        Assert.Equal(
            (RecordKind.FxSettlement, RecordDirection.Out, (UInt256)10_100UL, Dev(3), Dev(1), (UInt256)100UL, digest),
            (paid.Kind, paid.Direction, paid.Amount, paid.Counterparty, paid.Via, paid.Fee, paid.Reference));
        var got = ledger.History(Dev(3), Eurb)[0];
        Assert.Equal((RecordKind.FxSettlement, RecordDirection.In, (UInt256)9_200UL, Dev(2), Dev(1)), (got.Kind, got.Direction, got.Amount, got.Counterparty, got.Via));
        Assert.Equal((Dev(2), RecordDirection.In), (ledger.History(Dev(1), Usda)[0].Counterparty, ledger.History(Dev(1), Usda)[0].Direction));
        Assert.Equal((Dev(3), RecordDirection.Out), (ledger.History(Dev(1), Eurb)[0].Counterparty, ledger.History(Dev(1), Eurb)[0].Direction));
    }

    [Fact]
    public void Escrow_and_htlc_locks_end_released_or_returned_with_the_other_party_named()
    {
        var escrow = Calls.Encode("openEscrow(address,address,uint256,uint64,bytes32)", Usda, Dev(3), 2_500, InAnHour(), Hash32.Zero);
        _ledger.Ok(2, Settlement, escrow);
        Assert.Equal((RecordKind.EscrowLock, RecordDirection.Out, Dev(3), Settlement), Describe(Newest(2)));
        Assert.Equal((RecordKind.EscrowLock, RecordDirection.None, Dev(2), Settlement), Describe(Newest(3)));
        _ledger.Ok(1, Settlement, Calls.Encode("approveEscrow(uint256)", 1));
        Assert.Equal((RecordKind.EscrowRelease, RecordDirection.In, Dev(2), Settlement), Describe(Newest(3)));
        Assert.Equal((RecordKind.EscrowRelease, RecordDirection.None, Dev(3), Settlement), Describe(Newest(2)));

        _ledger.Ok(2, Settlement, escrow);
        _ledger.Ok(1, Settlement, Calls.Encode("rejectEscrow(uint256,string)", 2, "screening"));
        Assert.Equal((RecordKind.EscrowReturn, RecordDirection.In, Dev(3), Settlement), Describe(Newest(2)));
        Assert.Equal(Id(2), Newest(2).Reference);

        var preimage = new Hash32(Enumerable.Repeat((byte)7, 32).ToArray());
        var hashLock = SettlementModule.HashLockOf(preimage.ToArray());
        var htlc = Calls.Encode("lockHtlc(address,address,uint256,bytes32,uint64)", Usda, Dev(3), 1_000, hashLock, InAnHour());
        _ledger.Ok(2, Settlement, htlc);
        _ledger.Ok(5, Settlement, Calls.Encode("claimHtlc(uint256,bytes32)", 1, preimage));
        Assert.Equal((RecordKind.HtlcClaim, RecordDirection.In, Dev(2), Settlement), Describe(Newest(3)));
        Assert.Equal((RecordKind.HtlcClaim, RecordDirection.None, Dev(3), Settlement), Describe(Newest(2)));
        _ledger.Ok(2, Settlement, htlc);
        _ledger.AdvanceTime(TimeSpan.FromHours(2));
        _ledger.Ok(2, Settlement, Calls.Encode("refundHtlc(uint256)", 2));
        Assert.Equal((RecordKind.HtlcRefund, RecordDirection.In, Dev(3), Settlement), Describe(Newest(2)));
        Assert.Equal((RecordKind.HtlcRefund, RecordDirection.None, Dev(2), Settlement), Describe(Newest(3)));
    }

    [Fact]
    public void Supply_changes_forced_transfers_recoveries_and_payments_to_oneself_say_what_they_were()
    {
        var deposit = Calls.Reference("DEP-1");
        _ledger.Ok(0, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(4), 5_000, deposit));
        Assert.Equal((RecordKind.Mint, RecordDirection.In, Dev(0), deposit), (Newest(4).Kind, Newest(4).Direction, Newest(4).Counterparty, Newest(4).Reference));
        // A burn from a customer is four-eyes: the record names the officer whose approval carried it out.
        _ledger.Burn(0, Usda, Dev(4), 1_000, Calls.Reference("WD-1"));
        Assert.Equal((RecordKind.Burn, RecordDirection.Out, Dev(15)), (Newest(4).Kind, Newest(4).Direction, Newest(4).Counterparty));
        _ledger.Ok(4, Usda, Calls.Encode("redeem(uint256,bytes32)", 500, Calls.Reference("RD-1")));
        Assert.Equal((RecordKind.Redeem, RecordDirection.Out, Address.Zero, Usda), Describe(Newest(4)));
        var order = Calls.Reference("COURT-17");
        _ledger.ForcedTransfer(0, Usda, Dev(4), Dev(2), 700, order);
        Assert.Equal((RecordKind.ForcedTransfer, RecordDirection.Out, Dev(2), order), (Newest(4).Kind, Newest(4).Direction, Newest(4).Counterparty, Newest(4).Reference));
        Assert.Equal((RecordKind.ForcedTransfer, RecordDirection.In, Dev(4)), (Newest(2).Kind, Newest(2).Direction, Newest(2).Counterparty));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(2), 300));
        Assert.Equal((RecordKind.Transfer, RecordDirection.None, Dev(2), (UInt256)300UL), (Newest(2).Kind, Newest(2).Direction, Newest(2).Counterparty, Newest(2).Amount));
        _ledger.Recover(0, Dev(4), Dev(21));
        Assert.Equal((RecordKind.Recovery, RecordDirection.Out, Dev(21)), (Newest(4).Kind, Newest(4).Direction, Newest(4).Counterparty));
        Assert.Equal((RecordKind.Recovery, RecordDirection.In, Dev(4)), (Newest(21).Kind, Newest(21).Direction, Newest(21).Counterparty));
    }

    [Fact]
    public void Genesis_balances_open_every_history()
    {
        var opening = _ledger.History(Dev(3), Eurb).Single();

        Assert.Equal((RecordKind.OpeningBalance, RecordDirection.In, 0UL), (opening.Kind, opening.Direction, opening.BlockNumber));
        Assert.Equal(_ledger.BalanceOf(Eurb, Dev(3)), opening.Amount);
    }

    private AccountRecord Newest(int account) => _ledger.History(Dev(account))[0];

    private static (RecordKind, RecordDirection, Address, Address) Describe(AccountRecord r) => (r.Kind, r.Direction, r.Counterparty, r.Via);

    private ulong InAnHour() => (_ledger.TimestampMs / 1000) + 3_600;

    private static Address Dev(int i) => DevKeys.Address(i);

    private static Hash32 Id(ulong id) => AbiTopic.FromUInt256(id);
}
