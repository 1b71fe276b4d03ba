using System.CommandLine;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Tests;

/// <summary>The operator, merchant and settlement commands refuse bad arguments before contacting any node.</summary>
public sealed class CommandArgumentTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ledger-wallet-args-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Quote_payment_with_a_recipient_too_is_a_usage_error()
    {
        var run = await Run("send", "--account", "alice", "--quote", "quote.json", "--to", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--quote fixes the recipient", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_month_must_be_year_and_month()
    {
        var run = await Run("statement", "--address", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--month", "11/2026");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is not a month (yyyy-MM", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coupon_needs_exactly_one_kind_of_discount()
    {
        var run = await Run("coupon", "create", "--account", "shop", "--code", "X", "--percent", "10", "--fixed", "1", "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("exactly one of --percent or --fixed", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("escrow", "open", "--account", "alice", "--token", "USDA", "--amount", "5")]
    [InlineData("bank", "mint", "--account", "bank", "--token", "USDA", "--to", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--amount", "5")]
    [InlineData("approve", "--token", "USDA", "--account", "guardian")]
    public async Task Missing_required_arguments_are_usage_errors(params string[] args)
    {
        var run = await Run(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Run with --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_new_command_has_help_with_an_example()
    {
        foreach (var command in new[] { "statement", "pending", "approve", "cancel", "alias claim", "points", "coupon create", "escrow open", "htlc lock", "bank sign-quote", "bank post-rate", "bank register", "guardian set", "invoice pay" })
        {
            var run = await Run([.. command.Split(' '), "--help"]);

            Assert.True(run.ExitCode == ExitCodes.Success, $"{command}: {run.Error}");
            Assert.Contains("ledger-wallet " + command, run.Output, StringComparison.Ordinal);
        }
    }

    private async Task<CliRun> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Func<WalletSession, ILedgerClient> connect = _ => throw new InvalidOperationException("this test must not contact a node");
        var code = await WalletCli.InvokeAsync(["--wallet-dir", Path.Combine(_directory.FullName, "wallet"), .. args], new InvocationConfiguration { Output = output, Error = error }, connect);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
