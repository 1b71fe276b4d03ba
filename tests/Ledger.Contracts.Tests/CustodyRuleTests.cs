using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// The custodian modules' (Settlement, Merchant) place in the transfer rules that every user can reach directly:
/// nobody can send tokens straight into a custody account (they could never come out), and canTransfer says so.
/// What the modules themselves do with custody is covered by their own scenario tests.
/// </summary>
public sealed class CustodyRuleTests : IDisposable
{
    private readonly TestLedger _ledger = new();

    [Theory]
    [InlineData("Settlement")]
    [InlineData("Merchant")]
    public void A_direct_transfer_into_a_custody_account_is_refused_and_moves_nothing(string module)
    {
        var custodian = module == "Settlement" ? TestGenesis.Settlement : TestGenesis.Merchant;
        var sender = DevKeys.Address(0);
        var before = _ledger.BalanceOf(TestGenesis.Usda, sender);

        var reason = _ledger.Fails(0, TestGenesis.Usda, Calls.Transfer(custodian, new UInt256(100)));

        Assert.Contains("custody account", reason);
        Assert.Contains("never by a direct transfer", reason);
        Assert.Equal(before, _ledger.BalanceOf(TestGenesis.Usda, sender));
        Assert.Equal(UInt256.Zero, _ledger.BalanceOf(TestGenesis.Usda, custodian));
        Assert.Empty(_ledger.ModuleFaults);
    }

    [Fact]
    public void CanTransfer_reports_the_same_refusal_for_a_custody_account()
    {
        var (allowed, reason) = _ledger.CanTransfer(TestGenesis.Usda, DevKeys.Address(0), TestGenesis.Settlement, new UInt256(1));

        Assert.False(allowed);
        Assert.Contains("custody account", reason);
    }

    [Fact]
    public void TransferFrom_by_an_ordinary_account_still_needs_an_allowance_for_the_signer_s_tokens()
    {
        // The allowance-free path is for custodian modules only; an account calling transferFrom on the signer's
        // behalf is an ordinary spender.
        var reason = _ledger.Fails(1, TestGenesis.Usda, Calls.TransferFrom(DevKeys.Address(1), DevKeys.Address(2), new UInt256(1)));

        Assert.Contains("exceeds allowance", reason);
    }

    public void Dispose() => _ledger.Dispose();
}
