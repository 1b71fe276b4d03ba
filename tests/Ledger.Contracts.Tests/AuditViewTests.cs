using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>The regulator's paged listing of all balances of a token, and who may read it.</summary>
public sealed class AuditViewTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;

    private readonly TestLedger _ledger = new();

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Fact]
    public void The_regulator_pages_through_every_holder_and_the_pages_sum_to_the_supply()
    {
        _ledger.Ok(0, TestGenesis.Registry, Calls.RegisterIdentity(DevKeys.Address(20), "US", 2, TestGenesis.IdentityExpiry));
        _ledger.Ok(2, Usda, Calls.Transfer(DevKeys.Address(20), 12_345));

        var (first, total) = Page(TestGenesis.Regulator, 0, 4);
        var (second, _) = Page(TestGenesis.Regulator, 4, 4);

        Assert.Equal(7UL, total);
        Assert.Equal(4, first.Count);
        Assert.Equal(3, second.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(DevKeys.Address).Append(DevKeys.Address(20)), first.Concat(second).Select(e => e.Account));
        var sum = first.Concat(second).Aggregate(UInt256.Zero, (s, e) => s + e.Balance);
        Assert.Equal(_ledger.UInt256View(Usda, "totalSupply()"), sum);
        Assert.Empty(Page(TestGenesis.Regulator, 7, 10).Entries);
    }

    [Fact]
    public void The_nodes_holder_read_gives_the_same_pages_as_the_regulators_balancesOf()
    {
        _ledger.Ok(0, TestGenesis.Registry, Calls.RegisterIdentity(DevKeys.Address(20), "US", 2, TestGenesis.IdentityExpiry));
        _ledger.Ok(2, Usda, Calls.Transfer(DevKeys.Address(20), 12_345));

        foreach (var (start, count) in new[] { (0UL, 4), (4UL, 4), (6UL, 1_000), (7UL, 3), (99UL, 1) })
        {
            var (expected, expectedTotal) = Page(TestGenesis.Regulator, start, (ulong)count);
            var (holders, total) = Ledger.Contracts.Tokens.TokenHolders.Read(_ledger.Chain.LatestState, Usda, start, count);
            Assert.Equal(expectedTotal, total);
            Assert.Equal(expected, holders);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.Contracts.Tokens.TokenHolders.Read(_ledger.Chain.LatestState, Usda, 0, 1_001));
    }

    [Theory]
    [InlineData(0)] // the issuing bank's operator
    [InlineData(15)] // its compliance officer
    public void The_issuing_banks_staff_may_list_too(int caller) =>
        Assert.Equal(6UL, Page(DevKeys.Address(caller), 0, 1).Total);

    [Theory]
    [InlineData(1)] // another bank
    [InlineData(2)] // a customer
    public void Others_may_not_list_all_balances(int caller)
    {
        var outcome = _ledger.Call(Usda, Calls.Encode("balancesOf(uint256,uint256)", 0, 10), DevKeys.Address(caller));
        Assert.False(outcome.Success);
        Assert.Equal(
            $"only the regulator or the staff of Bank A (bank-a) may list all USDA balances; the caller is {DevKeys.Address(caller).ToChecksumString()}",
            outcome.RevertReason);
    }

    [Fact]
    public void A_page_size_outside_1_to_1000_is_refused()
    {
        var outcome = _ledger.Call(Usda, Calls.Encode("balancesOf(uint256,uint256)", 0, 1_001), TestGenesis.Regulator);
        Assert.Equal("count must be 1 to 1000 entries per page, got 1001", outcome.RevertReason);
    }

    private (List<(Address Account, UInt256 Balance)> Entries, ulong Total) Page(Address caller, ulong start, ulong count)
    {
        var outcome = _ledger.Call(Usda, Calls.Encode("balancesOf(uint256,uint256)", start, count), caller);
        Assert.True(outcome.Success, outcome.RevertReason);
        var output = outcome.Output;
        var head = new AbiReader(output, "balancesOf");
        var accountsAt = (int)head.ReadUInt64("accounts");
        var balancesAt = (int)head.ReadUInt64("balances");
        var total = head.ReadUInt64("total");
        var n = (int)new AbiReader(output.AsSpan(accountsAt), "n").ReadUInt64("n");
        var entries = new List<(Address, UInt256)>();
        for (var i = 0; i < n; i++)
        {
            var account = new AbiReader(output.AsSpan(accountsAt + 32 + (32 * i)), "a").ReadAddress("a");
            var balance = new AbiReader(output.AsSpan(balancesAt + 32 + (32 * i)), "b").ReadUInt256("b");
            entries.Add((account, balance));
        }

        return (entries, total);
    }
}
