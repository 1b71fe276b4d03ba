namespace Ledger.Console.Tests.Infrastructure;

/// <summary>One `ledger dev` node and one headless browser shared by the tests of a class (each start costs seconds).</summary>
public sealed class ConsoleFixture : IDisposable
{
    private readonly Lazy<Browser> _browser = new(() => new Browser());

    public ConsoleFixture()
    {
        Browser.RequireInstalled(); // before starting a node: a missing package fails fast with the package names
        Node = ConsoleNode.Start();
    }

    public ConsoleNode Node { get; }

    public Browser Browser => _browser.Value;

    public void Dispose()
    {
        if (_browser.IsValueCreated)
        {
            _browser.Value.Dispose();
        }

        Node.Dispose();
    }
}
