using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Processing;

namespace Ledger.Contracts.Tests;

/// <summary>Mint/burn/redeem against unique references, batches (all or nothing), forced transfers and pause.</summary>
public sealed class IssuanceTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Compliance = TestGenesis.Compliance;

    private readonly TestLedger _ledger = new();

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Fact]
    public void Mint_with_a_reference_emits_Transfer_and_Minted_carrying_the_reference()
    {
        var reference = Calls.Reference("CBS-2024-000123");
        var receipt = _ledger.Ok(0, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 2_500, reference));

        Assert.Equal(["Transfer", "Minted"], _ledger.EventNames(receipt));
        var minted = receipt.Logs[1];
        Assert.Equal([AbiTopic.OfEvent("Minted(address,uint256,bytes32)"), AbiTopic.FromAddress(Dev(2)), reference], minted.Topics);
        Assert.Equal(AbiWriter.EncodeUInt256(2_500), minted.Data);
        Assert.True(new AbiReader(_ledger.View(Usda, Calls.Encode("isReferenceUsed(bytes32)", reference)), "r").ReadBool("used"));
    }

    [Fact]
    public void A_replayed_reference_is_refused_whatever_operation_used_it()
    {
        var reference = Calls.Reference("CBS-1");
        _ledger.Ok(0, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 100, reference));

        Assert.Equal(
            $"reference {reference} was already used by a mint of USDA; each reference is accepted once",
            _ledger.Fails(0, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 100, reference)));
        Assert.Equal(
            $"reference {reference} was already used by a mint of USDA; each reference is accepted once",
            _ledger.Fails(2, Usda, Calls.Encode("redeem(uint256,bytes32)", 100, reference)));
        Assert.Equal(
            "reference must not be zero: pass the core-banking reference of this operation as bytes32",
            _ledger.Fails(0, Usda, Calls.Encode("burn(address,uint256,bytes32)", Dev(0), 100, Hash32.Zero)));
    }

    [Fact]
    public void Redeem_burns_the_holders_tokens_and_counts_them_as_redeemed()
    {
        var reference = Calls.Reference("payout-77");
        var receipt = _ledger.Ok(3, Usda, Calls.Encode("redeem(uint256,bytes32)", 40_000, reference));

        Assert.Equal(["Transfer", "Redeemed"], _ledger.EventNames(receipt));
        Assert.Equal(AbiTopic.FromAddress(Address.Zero), receipt.Logs[0].Topics[2]);
        Assert.Equal((UInt256)60_000UL, _ledger.BalanceOf(Usda, Dev(3)));
        var supply = Supply();
        Assert.Equal(((UInt256)560_000UL, (UInt256)600_000UL, UInt256.Zero, (UInt256)40_000UL), (supply.Supply, supply.Minted, supply.Burned, supply.Redeemed));
    }

    [Fact]
    public void A_frozen_holder_cannot_redeem_and_a_partly_frozen_one_only_its_unfrozen_part()
    {
        _ledger.Ok(0, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 90_000));
        Assert.Equal(
            $"redeem amount 100.01 USDA exceeds the unfrozen balance 100.00 USDA of {C(2)}: 900.00 USDA of its 1000.00 USDA is frozen",
            _ledger.Fails(2, Usda, Calls.Encode("redeem(uint256,bytes32)", 10_001, Calls.Reference("r1"))));
        _ledger.Ok(2, Usda, Calls.Encode("redeem(uint256,bytes32)", 10_000, Calls.Reference("r1")));

        _ledger.Ok(15, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(4), "court order 9"));
        Assert.Equal(
            $"sender {C(4)} is frozen by Bank A (bank-a): court order 9",
            _ledger.Fails(4, Usda, Calls.Encode("redeem(uint256,bytes32)", 1, Calls.Reference("r2"))));
    }

    [Fact]
    public void Burn_with_a_reference_shrinks_the_frozen_part_to_what_is_left()
    {
        _ledger.Ok(0, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 80_000));
        var receipt = _ledger.Burn(0, Usda, Dev(2), 50_000, Calls.Reference("b1"));

        Assert.Equal(["RequestApproved", "TokensUnfrozen", "Transfer", "Burned", "RequestExecuted"], _ledger.EventNames(receipt));
        Assert.Equal((UInt256)50_000UL, Frozen(2));
        Assert.Equal((UInt256)50_000UL, Supply().Burned);
    }

    [Fact]
    public void BatchMint_credits_every_item_under_one_reference_or_nothing()
    {
        var reference = Calls.Reference("payroll-2024-01");
        var receipt = _ledger.Ok(0, Usda, Calls.Batch([Dev(2), Dev(3), Dev(4)], [100, 200, 300], reference));
        Assert.Equal(3, _ledger.EventNames(receipt).Count(n => n == "Minted"));
        Assert.Equal((UInt256)100_300UL, _ledger.BalanceOf(Usda, Dev(4)));

        var failed = _ledger.Send(0, Usda, Calls.Batch([Dev(2), Dev(7)], [100, 200], Calls.Reference("payroll-2024-02")));

        Assert.Equal(
            $"batchMint item 1 (to {C(7)}): receiver {C(7)} is not a registered (KYC-verified) account; nothing was minted",
            TestLedger.RevertReason(failed));
        Assert.Equal((UInt256)100_100UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.False(new AbiReader(_ledger.View(Usda, Calls.Encode("isReferenceUsed(bytes32)", Calls.Reference("payroll-2024-02"))), "r").ReadBool("used"));
    }

    [Fact]
    public void BatchTransfer_pays_every_item_or_none_and_mismatched_arrays_are_refused()
    {
        var receipt = _ledger.Ok(2, Usda, Calls.Batch([Dev(3), Dev(4), Dev(5)], [1_000, 2_000, 3_000]));
        Assert.Equal(3, receipt.Logs.Count);
        Assert.Equal((UInt256)94_000UL, _ledger.BalanceOf(Usda, Dev(2)));

        Assert.Equal(
            $"batchTransfer item 2 (to {C(5)}): transfer amount 940.00 USDA exceeds balance 840.00 USDA of {C(2)}; nothing was transferred",
            _ledger.Fails(2, Usda, Calls.Batch([Dev(3), Dev(4), Dev(5)], [5_000, 5_000, 94_000])));
        Assert.Equal((UInt256)94_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal(
            "batchTransfer: 2 recipients but 1 amounts; the arrays must have equal length",
            _ledger.Fails(2, Usda, Calls.Batch([Dev(3), Dev(4)], [1])));
    }

    [Fact]
    public void A_batch_costs_gas_per_item()
    {
        var oneCall = Calls.Batch([Dev(3)], [1]);
        var threeCall = Calls.Batch([Dev(3), Dev(4), Dev(5)], [1, 1, 1]);
        var one = _ledger.Ok(2, Usda, oneCall).GasUsed;
        var three = _ledger.Ok(2, Usda, threeCall).GasUsed;

        // Two more items: twice the per-item gas, plus the calldata they add (priced as EIP-2028 does).
        var calldata = GasSchedule.IntrinsicGas(threeCall) - GasSchedule.IntrinsicGas(oneCall);
        Assert.Equal((2 * 25_000UL) + calldata, three - one);
    }

    [Fact]
    public void ForcedTransfer_moves_frozen_funds_under_a_legal_reference()
    {
        var order = Calls.Reference("court-order-2024-17");
        _ledger.Ok(14, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "court order 17"));
        _ledger.Ok(0, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 100_000));
        _ledger.Ok(0, Usda, Calls.Encode("pause()"));

        var receipt = _ledger.ForcedTransfer(0, Usda, Dev(2), Dev(4), 30_000, order);

        Assert.Equal(["RequestApproved", "TokensUnfrozen", "Transfer", "ForcedTransfer", "RequestExecuted"], _ledger.EventNames(receipt));
        Assert.Equal(order, receipt.Logs[3].Topics[3]);
        Assert.Equal((UInt256)70_000UL, Frozen(2));
        Assert.Equal((UInt256)130_000UL, _ledger.BalanceOf(Usda, Dev(4)));
        Assert.Equal(
            "a forced transfer needs a legal reference (the court order or case id as bytes32)",
            _ledger.Fails(0, Compliance, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, Dev(2), Dev(4), 1, Hash32.Zero)));
        var toStranger = _ledger.Request(0, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, Dev(2), Dev(7), 1, order));
        Assert.Equal(
            $"request {toStranger} cannot be carried out now: receiver {C(7)} is not a registered (KYC-verified) account; it stays open",
            _ledger.Fails(15, Compliance, Calls.Encode("approveRequest(uint256)", toStranger)));
    }

    [Fact]
    public void Pause_stops_transfers_until_unpause_but_not_issuance()
    {
        _ledger.Ok(0, Usda, Calls.Encode("pause()"));
        Assert.Equal("USDA is already paused", _ledger.Fails(0, Usda, Calls.Encode("pause()")));
        Assert.StartsWith("USDA is paused", _ledger.Fails(2, Usda, Calls.Transfer(Dev(4), 1)));
        _ledger.Ok(0, Usda, Calls.Mint(Dev(2), 1));

        var receipt = _ledger.Ok(0, Usda, Calls.Encode("unpause()"));

        Assert.Equal(["Unpaused"], _ledger.EventNames(receipt));
        _ledger.Ok(2, Usda, Calls.Transfer(Dev(4), 1));
    }

    private (UInt256 Supply, UInt256 Minted, UInt256 Burned, UInt256 Redeemed, UInt256 Held, UInt256 Holders) Supply()
    {
        var r = new AbiReader(_ledger.View(Usda, Calls.Encode("supplyInfo()")), "supplyInfo");
        return (r.ReadUInt256("s"), r.ReadUInt256("m"), r.ReadUInt256("b"), r.ReadUInt256("r"), r.ReadUInt256("h"), r.ReadUInt256("n"));
    }

    private UInt256 Frozen(int account) =>
        new AbiReader(_ledger.View(Usda, Calls.Encode("getFrozenTokens(address)", Dev(account))), "f").ReadUInt256("f");

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string C(int i) => Dev(i).ToChecksumString();
}
