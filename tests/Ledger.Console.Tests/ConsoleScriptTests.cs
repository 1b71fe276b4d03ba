using System.Text;
using Ledger.Console.Tests.Infrastructure;
using Ledger.Core.Crypto;
using OpenQA.Selenium;

namespace Ledger.Console.Tests;

/// <summary>The console's own Keccak-256 (selectors and event topics are computed in the browser) equals the node's.</summary>
public sealed class ConsoleScriptTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(135)] // one byte short of a 136-byte block: the padding bytes 0x01 and 0x80 share the last byte
    [InlineData(136)] // exactly one block: the padding takes a whole second block
    [InlineData(137)]
    [InlineData(300)]
    public void Keccak_in_the_browser_equals_the_node_keccak(int length)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        fixture.Browser.Open(fixture.Node.ConsoleUrl, "tokens");

        var inBrowser = (string?)((IJavaScriptExecutor)fixture.Browser.Driver).ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; import('./js/keccak.js').then((m) => done(m.keccakText(arguments[0])));", text);

        Assert.Equal(Keccak256.Hash(Encoding.UTF8.GetBytes(text)).ToString(), inBrowser);
    }
}
