using System.Diagnostics;
using System.Security.Cryptography;
using Ledger.Console.Tests.Infrastructure;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Chain;
using OpenQA.Selenium;

namespace Ledger.Console.Tests;

/// <summary>
/// The console against a `ledger run` that requires bearer tokens (HS256, docs/security.md): without a token and with a
/// token whose role may not read the chain it is refused with the node's reason; a reader token entered in the token
/// field works over HTTP and on the WebSocket (access_token), and is forgotten on request.
/// </summary>
public sealed class ConsoleAuthTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-console-auth-").FullName;
    private readonly string _secret;
    private readonly ConsoleNode _node;
    private readonly Browser _browser;

    public ConsoleAuthTests()
    {
        Browser.RequireInstalled();
        _secret = Path.Combine(_folder, "jwt.secret");
        File.WriteAllText(_secret, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
        File.SetUnixFileMode(_secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _node = ConsoleNode.StartRun("--auth-jwt-secret-file", _secret);
        _browser = new Browser();
    }

    public void Dispose()
    {
        _browser.Dispose();
        _node.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Without_a_token_or_with_a_monitor_token_the_console_is_refused_and_a_reader_token_works()
    {
        _browser.Open(_node.ConsoleUrl, "tokens");
        Assert.Equal("Could not load this page", _browser.Text("main h2"));
        Assert.Contains("this node requires an API token", _browser.Text("main .error"), StringComparison.Ordinal);
        // The browser logs the refused requests themselves (HTTP 401); nothing else may fail.
        Assert.All(_browser.TakeErrors(), e => Assert.Contains("401", e, StringComparison.Ordinal));

        UseToken(Issue("console-monitor", "monitor"));
        Assert.Equal("Could not load this page", _browser.Text("main h2"));
        Assert.Contains("is not allowed for 'console-monitor'", _browser.Text("main .error"), StringComparison.Ordinal);

        UseToken(Issue("console-reader", "reader"));
        Assert.Equal("Tokens", _browser.Text("main h2"));
        Assert.Equal("10,000,000.00", _browser.Text("[data-supply='USDA']"));
        _browser.Go("explorer");
        _browser.WaitFor(() => _browser.Text("#live-status") == "live", "the newHeads subscription with the token in access_token");
        Assert.Equal("token set for this tab", _browser.Text("#token-state"));
        var stored = (string?)((IJavaScriptExecutor)_browser.Driver).ExecuteScript("return sessionStorage.getItem('ledger.console.token');");
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.Empty(_browser.TakeErrors());

        // A reader may read the chain but not list every holder's balance (a supervisory read).
        _browser.Go("tokens/USDA");
        Assert.Contains("ledger_getTokenHolders is not allowed for 'console-reader'", _browser.Text("#holders-refused"), StringComparison.Ordinal);
        Assert.Empty(_browser.TakeErrors());

        var before = ReadyMark();
        _browser.Driver.FindElement(By.Id("token-clear")).Click();
        _browser.WaitForReady(before);
        Assert.Null(((IJavaScriptExecutor)_browser.Driver).ExecuteScript("return sessionStorage.getItem('ledger.console.token');"));
        Assert.Equal("Could not load this page", _browser.Text("main h2"));
    }

    private void UseToken(string token)
    {
        var before = ReadyMark();
        var input = _browser.Driver.FindElement(By.Id("token-input"));
        input.SendKeys(token + Keys.Enter);
        _browser.WaitForReady(before);
        Assert.Equal(string.Empty, input.GetAttribute("value")); // the field does not keep the token on screen
    }

    private string? ReadyMark() =>
        (string?)((IJavaScriptExecutor)_browser.Driver).ExecuteScript("return document.getElementById('main').getAttribute('data-ready');");

    private string Issue(string subject, string role)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        foreach (var argument in new[] { RepoPaths.LedgerDll, "token", "issue", "--secret-file", _secret, "--subject", subject, "--role", role, "--ttl", "1h" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ledger token issue did not finish within {Patience.TotalSeconds:0} s");
        }

        Assert.True(process.ExitCode == 0, error.Result);
        return output.Result.Trim();
    }
}
