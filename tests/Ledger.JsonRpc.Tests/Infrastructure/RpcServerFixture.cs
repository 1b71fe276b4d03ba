using Ledger.JsonRpc.Tests.Fakes;

namespace Ledger.JsonRpc.Tests.Infrastructure;

/// <summary>One server with default options over the test chain, shared by a test class (the backend is resolved from DI).</summary>
public sealed class RpcServerFixture : IAsyncLifetime
{
    public TestChain Chain { get; } = new();

    public FakeLedgerBackend Backend { get; private set; } = null!;

    public RpcServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = new FakeLedgerBackend(Chain);
        Server = await RpcServer.StartAsync(Backend, fromServices: true);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
