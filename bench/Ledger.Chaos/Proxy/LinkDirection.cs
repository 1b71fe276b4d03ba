namespace Ledger.Chaos.Proxy;

/// <summary>
/// One direction between two nodes (bytes from <see cref="From"/> to <see cref="To"/>), shared by every proxied connection
/// that carries such bytes — the stream one node dials and the sync calls the other dials — so one setting applies to the
/// whole direction at once. Pumps wait on <see cref="ChangedAsync"/> to wake when a hold is lifted.
/// </summary>
public sealed class LinkDirection(int from, int to)
{
    private LinkFaults _faults = LinkFaults.None;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;

    public int From { get; } = from;

    public int To { get; } = to;

    public LinkFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _faults, value);
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Bytes forwarded in this direction so far (all connections).</summary>
    public long BytesForwarded => Interlocked.Read(ref _bytes);

    /// <summary>Completes at the next change of <see cref="Faults"/>.</summary>
    public Task ChangedAsync(CancellationToken cancellationToken) => Volatile.Read(ref _changed).Task.WaitAsync(cancellationToken);

    internal void CountForwarded(int bytes) => Interlocked.Add(ref _bytes, bytes);

    public override string ToString() => $"{From}→{To}: {Faults}";
}
