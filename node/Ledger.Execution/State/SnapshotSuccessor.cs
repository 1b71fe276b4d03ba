namespace Ledger.Execution.State;

/// <summary>
/// Published on a snapshot just before the next block's batch is written: the values the next block
/// overwrites, as they were in the snapshot's block, and the snapshot that follows.
/// </summary>
internal sealed class SnapshotSuccessor
{
    private readonly Dictionary<byte[], byte[]?>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public SnapshotSuccessor(Dictionary<byte[], byte[]?> previousValues, StateSnapshot next)
    {
        _lookup = previousValues.GetAlternateLookup<ReadOnlySpan<byte>>();
        Next = next;
    }

    public StateSnapshot Next { get; }

    /// <summary>True if the next block changed the composite key; <paramref name="previous"/> is its value before.</summary>
    public bool TryGetPrevious(ReadOnlySpan<byte> composite, out byte[]? previous) => _lookup.TryGetValue(composite, out previous);
}
