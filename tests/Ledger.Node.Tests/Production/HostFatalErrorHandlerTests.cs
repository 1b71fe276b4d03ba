using Ledger.Node.Production;
using Microsoft.Extensions.Hosting;

namespace Ledger.Node.Tests.Production;

public sealed class HostFatalErrorHandlerTests
{
    [Fact]
    public void A_fatal_error_stops_the_host_once_and_sets_a_non_zero_exit_code()
    {
        var lifetime = new RecordingLifetime();
        var handler = new HostFatalErrorHandler(lifetime, Timeout.InfiniteTimeSpan);
        Assert.Null(handler.ExitCode);

        handler.OnFatalError("commit of block 3 failed", new IOException("disk"));
        handler.OnFatalError("the database failed", new IOException("disk"));

        Assert.Equal(1, lifetime.StopRequests);
        Assert.Equal(HostFatalErrorHandler.FatalExitCode, handler.ExitCode);
        Assert.NotEqual(0, HostFatalErrorHandler.FatalExitCode);
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime
    {
        public int StopRequests { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopRequests++;
    }
}
