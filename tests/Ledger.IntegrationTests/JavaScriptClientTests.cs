using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>
/// Runs the ethers.js suite in tests/e2e (node's built-in test runner) against a real `ledger dev`, so the
/// README's single test command covers a real Ethereum client end to end.
/// </summary>
public sealed class JavaScriptClientTests
{
    [Fact]
    public async Task Ethers_client_suite_passes_against_a_dev_node()
    {
        using var node = LedgerProcess.StartDev();
        await JavaScriptSuite.AssertPassesAsync(node.RpcUrl, [], () => node.Output);
    }
}
