using Ledger.Contracts.Compliance;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// Four-eyes rules, one scenario each. Bank A's officers are dev 0 (operator) and 15, bank B's dev 1 and 16; dev 2
/// is a bank A customer with 1,000.00 USDA and EURB; the genesis sets USDA's single-step mint threshold to 50.00.
/// </summary>
public sealed class FourEyesTests : IDisposable
{
    private const ulong Day = 86_400;
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Eurb = TestGenesis.Eurb;
    private static readonly Address Compliance = TestGenesis.Compliance;

    private readonly TestLedger _ledger = new(TestGenesis.Create() with
    {
        Compliance = TestGenesis.Create().Compliance with
        {
            FourEyes = new FourEyesConfig { MintThresholds = new Dictionary<string, string> { ["USDA"] = "50" } },
        },
    });

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Fact]
    public void A_forced_transfer_needs_a_second_officer_of_the_same_bank_and_then_moves_the_funds()
    {
        var id = RequestForced(0, Dev(2), Dev(4), 30_000);
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal([id], OpenIds("bank-a"));

        Assert.Equal(
            $"request {id} was made by {C(0)}; it needs a second officer of Bank A (bank-a): ask another one (the operator or a compliance officer) to call approveRequest({id})",
            _ledger.Fails(0, Compliance, Approve(id)));
        Assert.Equal(
            $"only the operator or a compliance officer of Bank A (bank-a) may approve request {id}; the caller {C(16)} is not",
            _ledger.Fails(16, Compliance, Approve(id)));
        Assert.Equal(
            $"only the operator or a compliance officer of Bank A (bank-a) may approve request {id}; the caller {C(14)} is not",
            _ledger.Fails(14, Compliance, Approve(id)));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));

        var receipt = _ledger.Approve(15, id);
        Assert.Contains("ForcedTransfer", _ledger.EventNames(receipt));
        Assert.Equal((UInt256)70_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal((UInt256)130_000UL, _ledger.BalanceOf(Usda, Dev(4)));
        Assert.Equal((byte)RequestStatus.Executed, _ledger.StatusOf(id));
        Assert.Empty(OpenIds("bank-a"));
        Assert.Equal($"request {id} is already executed; there is nothing to approve", _ledger.Fails(0, Compliance, Approve(id)));
    }

    [Fact]
    public void The_single_step_paths_refuse_and_say_what_is_needed_next()
    {
        Assert.Equal(
            "a forced transfer of USDA needs two officers of Bank A (bank-a): one calls Compliance.requestForcedTransfer(token, from, to, amount, legalReference), " +
            "a different one approves it with approveRequest(id)",
            _ledger.Fails(0, Usda, Calls.Encode("forcedTransfer(address,address,uint256,bytes32)", Dev(2), Dev(4), 1, Calls.Reference("order"))));
        Assert.Equal(
            $"a burn of USDA from {C(2)} needs two officers of Bank A (bank-a): one calls Compliance.requestBurn(token, from, amount, reference), " +
            "a different one approves it with approveRequest(id)",
            _ledger.Fails(0, Usda, Calls.Burn(Dev(2), 1)));
        Assert.StartsWith(
            $"recovering {C(2)} needs two officers of Bank A (bank-a): one calls Compliance.requestRecovery(lost, newAccount)",
            _ledger.Fails(15, TestGenesis.Registry, Calls.Encode("recoverAccount(address,address)", Dev(2), Dev(20))));
        Assert.StartsWith("only an issuer of USDA", _ledger.Fails(4, Usda, Calls.Encode("forcedTransfer(address,address,uint256,bytes32)", Dev(2), Dev(4), 1, Calls.Reference("order"))));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void A_small_mint_is_single_step_and_a_large_one_needs_two_officers()
    {
        _ledger.Ok(0, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 5_000, Calls.Reference("DEP-1")));
        Assert.Equal((UInt256)105_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal(
            "a mint of 50.01 USDA (above the single-step limit of 50.00 USDA) needs two officers of Bank A (bank-a): " +
            "one calls Compliance.requestMint(token, to, amount, reference), a different one approves it with approveRequest(id)",
            _ledger.Fails(0, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 5_001, Calls.Reference("DEP-2"))));
        Assert.StartsWith(
            "a batchMint of 50.02 USDA (above the single-step limit of 50.00 USDA) needs two officers",
            _ledger.Fails(0, Usda, Calls.Batch([Dev(2), Dev(4)], [2_501, 2_501], Calls.Reference("DEP-3"))));

        // EURB keeps the default threshold (one million whole units): the same amount is single-step there.
        _ledger.Ok(1, Eurb, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 5_001, Calls.Reference("DEP-E")));

        var id = _ledger.Request(0, Calls.Encode("requestMint(address,address,uint256,bytes32)", Usda, Dev(2), 1_000_000, Calls.Reference("DEP-2")));
        Assert.Equal((UInt256)105_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        _ledger.Approve(15, id);
        Assert.Equal((UInt256)1_105_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Equal(
            $"reference {Calls.Reference("DEP-2")} was already used on USDA; each reference is accepted once",
            _ledger.Fails(0, Compliance, Calls.Encode("requestMint(address,address,uint256,bytes32)", Usda, Dev(2), 1, Calls.Reference("DEP-2"))));

        var config = new AbiReader(_ledger.View(Compliance, Calls.Encode("fourEyesConfig(address)", Usda)), "fourEyesConfig");
        Assert.Equal((FourEyesConfig.DefaultRequestTtlSeconds, FourEyesConfig.DefaultRecoveryDelaySeconds, (UInt256)5_000UL), (config.ReadUInt64("ttl"), config.ReadUInt64("delay"), config.ReadUInt256("threshold")));
    }

    [Fact]
    public void An_expired_request_cannot_be_approved_and_anyone_may_close_it()
    {
        var id = RequestForced(15, Dev(2), Dev(4), 1_000);
        _ledger.AdvanceTime(TimeSpan.FromSeconds(FourEyesConfig.DefaultRequestTtlSeconds));
        Assert.Equal((byte)RequestStatus.Expired, _ledger.StatusOf(id));
        Assert.StartsWith($"request {id} expired at ", _ledger.Fails(0, Compliance, Approve(id)));
        Assert.Equal([id], OpenIds("bank-a"));

        var closed = _ledger.Ok(7, Compliance, Calls.Encode("cancelRequest(uint256)", id));
        Assert.Equal(["RequestExpired"], _ledger.EventNames(closed));
        Assert.Empty(OpenIds("bank-a"));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void Staff_of_the_bank_cancel_an_open_request_and_strangers_cannot()
    {
        var first = RequestForced(0, Dev(2), Dev(4), 1_000);
        var second = RequestForced(0, Dev(2), Dev(4), 2_000);
        var third = RequestForced(15, Dev(4), Dev(2), 3_000);
        Assert.Equal(
            $"only the operator or a compliance officer of Bank A (bank-a) may cancel request {second}; the caller {C(16)} is not",
            _ledger.Fails(16, Compliance, Calls.Encode("cancelRequest(uint256)", second)));
        _ledger.Ok(15, Compliance, Calls.Encode("cancelRequest(uint256)", second));

        Assert.Equal([first, third], OpenIds("bank-a").Order());
        Assert.Equal($"request {second} is cancelled; there is nothing to approve", _ledger.Fails(15, Compliance, Approve(second)));
        _ledger.Approve(15, first);
        _ledger.Approve(0, third);
        Assert.Empty(OpenIds("bank-a"));
        Assert.Equal((UInt256)(100_000UL - 1_000 + 3_000), _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void Forced_transfers_and_burns_never_target_a_custodian()
    {
        _ledger.Ok(2, TestGenesis.Settlement, Calls.Encode("openEscrow(address,address,uint256,uint64,bytes32)", Usda, Dev(4), 10_000, (TestGenesis.TimestampMs / 1000) + Day, Hash32.Zero));
        Assert.Equal((UInt256)10_000UL, _ledger.BalanceOf(Usda, TestGenesis.Settlement));
        foreach (var custodian in new[] { TestGenesis.Settlement, TestGenesis.Merchant })
        {
            var expected = $"{custodian.ToChecksumString()} is a custodian module (Settlement or Merchant): its balance is other customers' escrows, so a ";
            Assert.StartsWith(expected + "forced transfer", _ledger.Fails(0, Compliance, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, custodian, Dev(4), 1, Calls.Reference("o"))));
            Assert.StartsWith(expected + "forced transfer", _ledger.Fails(0, Compliance, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, Dev(2), custodian, 1, Calls.Reference("o"))));
            Assert.StartsWith(expected + "burn", _ledger.Fails(0, Compliance, Calls.Encode("requestBurn(address,address,uint256,bytes32)", Usda, custodian, 1, Calls.Reference("b"))));
        }

        // The token refuses too, whoever calls: an issuer burning "its own" custodian balance is not a thing.
        Assert.StartsWith($"{TestGenesis.Settlement.ToChecksumString()} is a custodian module", _ledger.Fails(0, Usda, Calls.Burn(TestGenesis.Settlement, 1)));
        Assert.Equal((UInt256)10_000UL, _ledger.BalanceOf(Usda, TestGenesis.Settlement));
    }

    [Fact]
    public void A_recovery_waits_out_the_delay_then_any_officer_of_the_bank_executes_it()
    {
        var id = _ledger.Request(15, RequestRecovery(Dev(2), Dev(20)));
        Assert.Equal($"request {id} needs a second officer of Bank A (bank-a) first: approveRequest({id})", _ledger.Fails(0, Compliance, Execute(id)));
        _ledger.Approve(0, id);
        Assert.Equal((byte)RequestStatus.Approved, _ledger.StatusOf(id));
        Assert.StartsWith($"request {id} waits until ", _ledger.Fails(0, Compliance, Execute(id)));

        _ledger.AdvanceTime(TimeSpan.FromSeconds(FourEyesConfig.DefaultRecoveryDelaySeconds - 10));
        Assert.StartsWith($"request {id} waits until ", _ledger.Fails(15, Compliance, Execute(id)));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));

        _ledger.AdvanceTime(TimeSpan.FromSeconds(10));
        Assert.StartsWith("only the operator or a compliance officer of Bank A (bank-a) may execute", _ledger.Fails(16, Compliance, Execute(id)));
        var receipt = _ledger.Ok(15, Compliance, Execute(id));
        Assert.Contains("IdentityRecovered", _ledger.EventNames(receipt));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(20)));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Eurb, Dev(20)));
        Assert.Equal(UInt256.Zero, _ledger.BalanceOf(Usda, Dev(2)));
    }

    [Fact]
    public void The_customer_or_its_guardian_vetoes_a_recovery_during_the_delay_and_nobody_else_can()
    {
        _ledger.Ok(2, Eurb, Calls.Encode("setGuardian(address,uint256)", Dev(21), 10_000));
        var first = _ledger.Request(0, RequestRecovery(Dev(2), Dev(20)));
        _ledger.Approve(15, first);
        Assert.Equal(
            $"only the customer's own key {C(2)} or its guardian may veto recovery request {first}; the caller {C(15)} is neither",
            _ledger.Fails(15, Compliance, Veto(first)));
        Assert.StartsWith("only the customer's own key", _ledger.Fails(4, Compliance, Veto(first)));
        var vetoed = _ledger.Ok(2, Compliance, Veto(first));
        Assert.Equal(["RequestVetoed"], _ledger.EventNames(vetoed));

        _ledger.AdvanceTime(TimeSpan.FromSeconds(FourEyesConfig.DefaultRecoveryDelaySeconds));
        Assert.Equal($"request {first} is vetoed; there is nothing to execute", _ledger.Fails(0, Compliance, Execute(first)));

        var second = _ledger.Request(0, RequestRecovery(Dev(2), Dev(20)));
        _ledger.Approve(15, second);
        _ledger.Ok(21, Compliance, Veto(second));
        _ledger.AdvanceTime(TimeSpan.FromSeconds(FourEyesConfig.DefaultRecoveryDelaySeconds));
        Assert.Equal($"request {second} is vetoed; there is nothing to execute", _ledger.Fails(0, Compliance, Execute(second)));
        Assert.Equal((UInt256)100_000UL, _ledger.BalanceOf(Usda, Dev(2)));
        Assert.Empty(OpenIds("bank-a"));

        var forced = RequestForced(0, Dev(2), Dev(4), 1);
        Assert.StartsWith($"request {forced} is not a recovery", _ledger.Fails(2, Compliance, Veto(forced)));
    }

    [Fact]
    public void A_recovery_is_made_only_by_the_customer_s_bank()
    {
        Assert.Equal(
            $"only the operator or a compliance officer of Bank A (bank-a) may recover {C(2)}; the caller {C(16)} is not",
            _ledger.Fails(16, Compliance, RequestRecovery(Dev(2), Dev(20))));
        Assert.StartsWith($"{C(8)} is not registered", _ledger.Fails(0, Compliance, RequestRecovery(Dev(8), Dev(20))));
        Assert.StartsWith("only an issuer of USDA or an officer of Bank A (bank-a) may request a forced transfer of USDA", _ledger.Fails(16, Compliance, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, Dev(2), Dev(4), 1, Calls.Reference("o"))));
    }

    [Fact]
    public void A_bank_holds_at_most_a_bounded_number_of_open_requests_and_lists_them_in_pages()
    {
        Assert.Equal("count must be 1 to 200 ids per page, got 0", _ledger.Call(Compliance, Calls.Encode("openRequests(string,uint256,uint256)", "bank-a", 0, 0)).RevertReason);
        var ids = Enumerable.Range(0, 5).Select(i => RequestForced(0, Dev(2), Dev(4), (ulong)(i + 1))).ToArray();
        var (total, page) = Page("bank-a", 1, 2);
        Assert.Equal(5UL, total);
        Assert.Equal([ids[1], ids[2]], page);
        Assert.Empty(OpenIds("bank-b"));

        // Fill bank A's open list to the bound (300 requests fit the gas limit of one block).
        var call = Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, Dev(2), Dev(4), 1, Calls.Reference("bulk"));
        for (var left = ComplianceModule.MaxOpenRequestsPerBank - 5; left > 0; left -= 300)
        {
            var block = Enumerable.Repeat((15, Compliance, call, 100_000UL), Math.Min(left, 300)).ToArray();
            Assert.All(_ledger.SendBlock(block), r => Assert.True(r.Success));
        }

        Assert.Equal((ulong)ComplianceModule.MaxOpenRequestsPerBank, Page("bank-a", 0, 1).Total);
        Assert.Equal(
            $"Bank A (bank-a) has {ComplianceModule.MaxOpenRequestsPerBank} open requests, the most allowed; approve, cancel or close expired ones (cancelRequest) before making more",
            _ledger.Fails(0, Compliance, call));
        _ledger.Ok(0, Compliance, Calls.Encode("cancelRequest(uint256)", ids[0]));
        _ledger.Ok(0, Compliance, call);
    }

    private ulong RequestForced(int maker, Address from, Address to, ulong amount) =>
        _ledger.Request(maker, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", Usda, from, to, amount, Calls.Reference("court-7")));

    private static byte[] RequestRecovery(Address lost, Address replacement) => Calls.Encode("requestRecovery(address,address)", lost, replacement);

    private static byte[] Approve(ulong id) => Calls.Encode("approveRequest(uint256)", id);

    private static byte[] Execute(ulong id) => Calls.Encode("executeRequest(uint256)", id);

    private static byte[] Veto(ulong id) => Calls.Encode("vetoRequest(uint256)", id);

    private ulong[] OpenIds(string bank) => Page(bank, 0, 200).Ids;

    private (ulong Total, ulong[] Ids) Page(string bank, ulong start, ulong count)
    {
        var output = _ledger.View(Compliance, Calls.Encode("openRequests(string,uint256,uint256)", bank, start, count));
        var total = UInt256.FromBigEndian(output.AsSpan(32, 32)).ToUInt64();
        var n = (int)UInt256.FromBigEndian(output.AsSpan(64, 32)).ToUInt64();
        var ids = Enumerable.Range(0, n).Select(i => UInt256.FromBigEndian(output.AsSpan(96 + (32 * i), 32)).ToUInt64()).ToArray();
        return (total, ids);
    }

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string C(int i) => Dev(i).ToChecksumString();
}
