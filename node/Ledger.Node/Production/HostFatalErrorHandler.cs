using Microsoft.Extensions.Hosting;

namespace Ledger.Node.Production;

/// <summary>
/// Stops the process after a fatal error: asks the host to stop (the command then returns
/// <see cref="ExitCode"/>), and, should the orderly stop hang, exits hard after <c>grace</c> (default 20 s;
/// <see cref="Timeout.InfiniteTimeSpan"/> never). The host's stop does not wait on the failed thread, so calling
/// this from the producer cannot deadlock.
/// </summary>
public sealed class HostFatalErrorHandler(IHostApplicationLifetime lifetime, TimeSpan? grace = null) : IFatalErrorHandler
{
    /// <summary>Exit code of a node stopped by a fatal error (EX_SOFTWARE-like, distinct from setup errors).</summary>
    public const int FatalExitCode = 70;

    private int _failed;

    public bool HasFailed => Volatile.Read(ref _failed) != 0;

    public int? ExitCode => HasFailed ? FatalExitCode : null;

    public void OnFatalError(string message, Exception exception)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0)
        {
            return;
        }

        var deadline = grace ?? TimeSpan.FromSeconds(20);
        if (deadline != Timeout.InfiniteTimeSpan)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(deadline);
                Environment.Exit(FatalExitCode);
            });
        }

        lifetime.StopApplication();
    }
}
