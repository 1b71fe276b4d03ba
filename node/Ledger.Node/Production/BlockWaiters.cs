namespace Ledger.Node.Production;

/// <summary>Callers waiting for the chain to reach a height; released by the producer after each commit.</summary>
internal sealed class BlockWaiters
{
    private readonly Lock _lock = new();
    private readonly List<(ulong Number, TaskCompletionSource Completion)> _waiting = [];
    private Exception? _failure;

    public Task WaitAsync(ulong number, Func<ulong> headNumber, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            // Checked under the lock so a commit that lands right now either sees this waiter or is seen here.
            if (headNumber() >= number)
            {
                return Task.CompletedTask;
            }

            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            _waiting.Add((number, completion));
        }

        return cancellationToken.CanBeCanceled ? completion.Task.WaitAsync(cancellationToken) : completion.Task;
    }

    public void Release(ulong head)
    {
        lock (_lock)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Number <= head)
                {
                    _waiting[i].Completion.TrySetResult();
                    _waiting.RemoveAt(i);
                }
            }
        }
    }

    public void Fail(Exception failure)
    {
        lock (_lock)
        {
            _failure = failure;
            foreach (var (_, completion) in _waiting)
            {
                completion.TrySetException(failure);
            }

            _waiting.Clear();
        }
    }
}
