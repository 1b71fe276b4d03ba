using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

public sealed class DepositTokenTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly UInt256 GenesisBalance = 100_000; // 1,000.00 with 2 decimals

    private readonly TestLedger _ledger = new();

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string Checksum(int i) => Dev(i).ToChecksumString();

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Fact]
    public void Genesis_allocations_are_credited_and_supply_equals_minted()
    {
        for (var i = 0; i < TestGenesis.RegisteredCustomers; i++)
        {
            Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(i)));
        }

        Assert.Equal(UInt256.Zero, _ledger.BalanceOf(Usda, Dev(7)));
        var supply = _ledger.UInt256View(Usda, "totalSupply()");
        Assert.Equal((UInt256)(600_000UL), supply);
        Assert.Equal(supply, _ledger.UInt256View(Usda, "totalMinted()"));
        Assert.Equal(UInt256.Zero, _ledger.UInt256View(Usda, "totalBurned()"));
    }

    [Fact]
    public void Metadata_views_return_the_genesis_token_definition()
    {
        string Text(string signature) => new AbiReader(_ledger.View(Usda, new AbiWriter().ToCallData(signature)), signature).ReadString("v");
        Assert.Equal("Bank A US Dollar Deposit", Text("name()"));
        Assert.Equal("USDA", Text("symbol()"));
        Assert.Equal("USD", Text("currency()"));
        Assert.Equal(2, new AbiReader(_ledger.View(Usda, new AbiWriter().ToCallData("decimals()")), "decimals()").ReadUInt8("d"));
        Assert.Equal(Dev(0), new AbiReader(_ledger.View(Usda, new AbiWriter().ToCallData("issuer()")), "issuer()").ReadAddress("a"));
    }

    [Fact]
    public void Transfer_moves_the_amount_and_emits_Transfer()
    {
        var receipt = _ledger.Send(2, Usda, Calls.Transfer(Dev(3), 15_000));

        Assert.True(receipt.Success, receipt.Success ? "" : TestLedger.RevertReason(receipt));
        Assert.Equal((UInt256)85_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal((UInt256)115_000UL, _ledger.BalanceOf(Usda, Dev(3)));
        Assert.Equal(AbiWriter.EncodeBool(true), receipt.Output);
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(Usda, log.Address);
        Assert.Equal([Erc20Events.Transfer.Topic0, AbiTopic.FromAddress(Dev(2)), AbiTopic.FromAddress(Dev(3))], log.Topics);
        Assert.Equal(AbiWriter.EncodeUInt256(15_000), log.Data);
    }

    [Fact]
    public void Transfer_to_oneself_keeps_the_balance()
    {
        Assert.True(_ledger.Send(2, Usda, Calls.Transfer(Dev(2), 40_000)).Success);
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void Transfer_beyond_balance_reverts_with_reason_and_changes_nothing()
    {
        var receipt = _ledger.Send(2, Usda, Calls.Transfer(Dev(3), 100_001));

        Assert.Equal($"transfer amount 1000.01 USDA exceeds balance 1000.00 USDA of {Checksum(2)}", TestLedger.RevertReason(receipt));
        Assert.Empty(receipt.Logs);
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(3)));
        Assert.Equal(1UL, _ledger.Chain.LatestState.GetNonce(Dev(2)));
    }

    [Fact]
    public void Transfer_to_the_zero_address_reverts()
    {
        var receipt = _ledger.Send(2, Usda, Calls.Transfer(Address.Zero, 1));
        Assert.Equal("transfer to the zero address", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Unregistered_sender_cannot_transfer()
    {
        var receipt = _ledger.Send(7, Usda, Calls.Transfer(Dev(3), 0));
        Assert.Equal($"sender {Checksum(7)} is not a registered (KYC-verified) account", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Unregistered_receiver_cannot_receive()
    {
        var receipt = _ledger.Send(2, Usda, Calls.Transfer(Dev(7), 100));
        Assert.Equal($"receiver {Checksum(7)} is not a registered (KYC-verified) account", TestLedger.RevertReason(receipt));
        Assert.Equal(UInt256.Zero, _ledger.BalanceOf(Usda, Dev(7)));
    }

    [Fact]
    public void Revoked_and_expired_identities_can_no_longer_send()
    {
        Assert.True(_ledger.Send(0, TestGenesis.Registry, Calls.RevokeIdentity(Dev(2))).Success);
        Assert.Contains("sender", TestLedger.RevertReason(_ledger.Send(2, Usda, Calls.Transfer(Dev(4), 1))));

        _ledger.AdvanceTime(TimeSpan.FromSeconds(TestGenesis.IdentityExpiry - (TestGenesis.TimestampMs / 1000)));
        var receipt = _ledger.Send(4, Usda, Calls.Transfer(Dev(3), 1));
        Assert.Equal(
            $"sender {Checksum(4)} is not a registered (KYC-verified) account: its identity at Bank A (bank-a) expired at " +
            $"{TestGenesis.IdentityExpiry} (2035-01-01T00:00:00Z); the bank must renew it",
            TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Approve_then_transferFrom_spends_the_allowance_with_events()
    {
        var approve = _ledger.Send(2, Usda, Calls.Approve(Dev(3), 10_000));
        Assert.True(approve.Success);
        var approval = Assert.Single(approve.Logs);
        Assert.Equal([Erc20Events.Approval.Topic0, AbiTopic.FromAddress(Dev(2)), AbiTopic.FromAddress(Dev(3))], approval.Topics);
        Assert.Equal(AbiWriter.EncodeUInt256(10_000), approval.Data);

        var spend = _ledger.Send(3, Usda, Calls.TransferFrom(Dev(2), Dev(4), 6_000));
        Assert.True(spend.Success, spend.Success ? "" : TestLedger.RevertReason(spend));
        var transfer = Assert.Single(spend.Logs);
        Assert.Equal([Erc20Events.Transfer.Topic0, AbiTopic.FromAddress(Dev(2)), AbiTopic.FromAddress(Dev(4))], transfer.Topics);
        Assert.Equal((UInt256)94_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal((UInt256)106_000UL, _ledger.BalanceOf(Usda, Dev(4)));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(3)));
        var allowance = new AbiReader(_ledger.View(Usda, Calls.Allowance(Dev(2), Dev(3))), "allowance").ReadUInt256("a");
        Assert.Equal((UInt256)4_000UL, allowance);
    }

    [Fact]
    public void TransferFrom_beyond_allowance_reverts_with_reason()
    {
        Assert.True(_ledger.Send(2, Usda, Calls.Approve(Dev(3), 5_000)).Success);
        var receipt = _ledger.Send(3, Usda, Calls.TransferFrom(Dev(2), Dev(4), 5_001));
        Assert.Equal(
            $"transfer amount 50.01 USDA exceeds allowance 50.00 USDA that {Checksum(2)} granted to {Checksum(3)}",
            TestLedger.RevertReason(receipt));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void TransferFrom_without_any_allowance_reverts()
    {
        var receipt = _ledger.Send(3, Usda, Calls.TransferFrom(Dev(2), Dev(3), 1));
        Assert.StartsWith("transfer amount 0.01 USDA exceeds allowance 0.00 USDA", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void An_unlimited_allowance_is_not_spent_down()
    {
        Assert.True(_ledger.Send(2, Usda, Calls.Approve(Dev(3), UInt256.MaxValue)).Success);
        Assert.True(_ledger.Send(3, Usda, Calls.TransferFrom(Dev(2), Dev(3), 1_000)).Success);
        var allowance = new AbiReader(_ledger.View(Usda, Calls.Allowance(Dev(2), Dev(3))), "allowance").ReadUInt256("a");
        Assert.Equal(UInt256.MaxValue, allowance);
    }

    [Fact]
    public void Mint_by_the_issuer_credits_and_emits_Transfer_from_zero()
    {
        var receipt = _ledger.Send(0, Usda, Calls.Mint(Dev(2), 2_500));

        Assert.True(receipt.Success, receipt.Success ? "" : TestLedger.RevertReason(receipt));
        var log = Assert.Single(receipt.Logs);
        Assert.Equal([Erc20Events.Transfer.Topic0, AbiTopic.FromAddress(Address.Zero), AbiTopic.FromAddress(Dev(2))], log.Topics);
        Assert.Equal((UInt256)102_500UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal((UInt256)602_500UL, _ledger.UInt256View(Usda, "totalSupply()"));
        Assert.Equal((UInt256)602_500UL, _ledger.UInt256View(Usda, "totalMinted()"));
    }

    [Fact]
    public void Mint_by_a_non_issuer_reverts_naming_the_issuer()
    {
        var receipt = _ledger.Send(1, Usda, Calls.Mint(Dev(1), 1_000));
        Assert.Equal(
            $"only an issuer of USDA (the operator of Bank A (bank-a) or a key it granted the issuer role) may mint USDA; the caller is {Checksum(1)}",
            TestLedger.RevertReason(receipt));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(1)));
    }

    [Fact]
    public void Mint_to_an_unregistered_account_reverts()
    {
        var receipt = _ledger.Send(0, Usda, Calls.Mint(Dev(8), 1_000));
        Assert.Equal($"receiver {Checksum(8)} is not a registered (KYC-verified) account", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Mint_that_would_overflow_uint256_reverts_instead_of_wrapping()
    {
        var supply = _ledger.UInt256View(Usda, "totalSupply()");
        var headroom = UInt256.MaxValue - supply;
        _ledger.LargeMint(0, Usda, Dev(2), headroom, Calls.Reference("headroom"));
        Assert.Equal(UInt256.MaxValue, _ledger.UInt256View(Usda, "totalSupply()"));

        var receipt = _ledger.Send(0, Usda, Calls.Mint(Dev(3), 1));

        Assert.StartsWith("mint of 0.01 USDA would overflow the total supply of ", TestLedger.RevertReason(receipt));
        Assert.Equal(UInt256.MaxValue, _ledger.UInt256View(Usda, "totalSupply()"));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(3)));
    }

    [Fact]
    public void Burn_by_the_issuer_of_its_own_holdings_debits_and_emits_Transfer_to_zero()
    {
        var receipt = _ledger.Send(0, Usda, Calls.Burn(Dev(0), 30_000));

        Assert.True(receipt.Success, receipt.Success ? "" : TestLedger.RevertReason(receipt));
        var log = Assert.Single(receipt.Logs);
        Assert.Equal([Erc20Events.Transfer.Topic0, AbiTopic.FromAddress(Dev(0)), AbiTopic.FromAddress(Address.Zero)], log.Topics);
        Assert.Equal((UInt256)70_000UL, _ledger.BalanceOf(Usda, Dev(0)));
        Assert.Equal((UInt256)30_000UL, _ledger.UInt256View(Usda, "totalBurned()"));
        Assert.Equal((UInt256)570_000UL, _ledger.UInt256View(Usda, "totalSupply()"));
    }

    [Fact]
    public void Burn_beyond_balance_reverts_with_reason()
    {
        var receipt = _ledger.Send(0, Usda, Calls.Burn(Dev(0), 100_001));
        Assert.Equal($"burn amount 1000.01 USDA exceeds balance 1000.00 USDA of {Checksum(0)}", TestLedger.RevertReason(receipt));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(0)));
    }

    [Fact]
    public void Burn_by_a_non_issuer_reverts()
    {
        var receipt = _ledger.Send(2, Usda, Calls.Burn(Dev(2), 1));
        Assert.StartsWith("only an issuer of USDA (the operator of Bank A (bank-a) or a key it granted the issuer role) may burn USDA", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Unknown_selector_reverts_naming_the_selector_and_module()
    {
        var receipt = _ledger.Send(2, Usda, [0x12, 0x34, 0x56, 0x78]);
        Assert.Equal("unknown function selector 0x12345678 for module DepositToken:USDA", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Empty_calldata_reverts_asking_for_a_function()
    {
        var receipt = _ledger.Send(2, Usda, []);
        Assert.Equal("empty calldata: call a function of DepositToken:USDA", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void Truncated_calldata_reverts_with_calldata_too_short()
    {
        var data = Calls.Transfer(Dev(3), 1)[..(4 + 40)];
        var receipt = _ledger.Send(2, Usda, data);
        Assert.StartsWith("calldata too short for transfer(address,uint256)", TestLedger.RevertReason(receipt));
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(3)));
    }

    [Fact]
    public void Non_canonical_address_argument_reverts()
    {
        var data = Calls.Transfer(Dev(3), 1);
        data[4 + 3] = 0x01; // a dirty byte among the 12 that must be zero
        var receipt = _ledger.Send(2, Usda, data);
        Assert.StartsWith("transfer(address,uint256): argument 1 (to): not a canonical address", TestLedger.RevertReason(receipt));
    }

    [Fact]
    public void A_transfer_simulated_with_eth_call_changes_nothing()
    {
        var outcome = _ledger.Call(Usda, Calls.Transfer(Dev(3), 1), from: Dev(2));
        Assert.False(outcome.Success);
        Assert.Equal(GenesisBalance, _ledger.BalanceOf(Usda, Dev(2)));
    }
}
