using Ledger.Node.Production;

namespace Ledger.Node.Tests.Support;

/// <summary>Records fatal errors instead of stopping the process.</summary>
internal sealed class RecordingFatalErrorHandler : IFatalErrorHandler
{
    private readonly TaskCompletionSource<Exception> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task<Exception> FirstError => _first.Task;

    public void OnFatalError(string message, Exception exception)
    {
        Interlocked.Increment(ref _count);
        _first.TrySetResult(exception);
    }
}
