namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// Room left in the dispatcher's backlog for one kind of event, in count and in bytes. Lock-free: taken on the
/// commit and admission paths, returned by the dispatcher.
/// </summary>
internal sealed class BacklogBudget(int maxCount, long maxBytes)
{
    private long _count;
    private long _bytes;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Reserves room for one event of <paramref name="bytes"/>; false (nothing reserved) when it does not fit.</summary>
    public bool TryTake(long bytes)
    {
        if (Interlocked.Increment(ref _count) > maxCount)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        if (Interlocked.Add(ref _bytes, bytes) > maxBytes)
        {
            Interlocked.Add(ref _bytes, -bytes);
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    public void Return(long bytes)
    {
        Interlocked.Add(ref _bytes, -bytes);
        Interlocked.Decrement(ref _count);
    }
}
