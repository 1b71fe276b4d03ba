using System.Collections;

namespace Ledger.Execution.State;

/// <summary>
/// The write set of a block: at most one change per (namespace, key), ordered by namespace then key bytes.
/// The order depends only on the keys, never on execution or insertion order, so every node derives the
/// same set (and the same batch) from the same block.
/// </summary>
public sealed class StateChangeSet : IReadOnlyList<StateChange>
{
    private readonly StateChange[] _changes;

    private StateChangeSet(StateChange[] sortedChanges)
    {
        _changes = sortedChanges;
    }

    public static StateChangeSet Empty { get; } = new([]);

    public int Count => _changes.Length;

    public StateChange this[int index] => _changes[index];

    /// <summary>Sorts the changes into canonical order; two changes of the same key are a bug and throw.</summary>
    public static StateChangeSet FromUnordered(IEnumerable<StateChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var array = changes.ToArray();
        foreach (var change in array)
        {
            if (change.Key is null)
            {
                throw new ArgumentException("a state change has a null key", nameof(changes));
            }
        }

        Array.Sort(array, Compare);
        for (var i = 1; i < array.Length; i++)
        {
            if (Compare(array[i - 1], array[i]) == 0)
            {
                throw new ArgumentException(
                    $"two changes of namespace {array[i].Namespace} key 0x{Convert.ToHexStringLower(array[i].Key)}", nameof(changes));
            }
        }

        return new StateChangeSet(array);
    }

    public static int Compare(StateChange x, StateChange y)
    {
        var c = x.Namespace.CompareTo(y.Namespace);
        return c != 0 ? c : x.Key.AsSpan().SequenceCompareTo(y.Key);
    }

    public IEnumerator<StateChange> GetEnumerator() => ((IEnumerable<StateChange>)_changes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
