using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Node.Operations;

public sealed partial class ChainVerifier
{
    /// <summary>
    /// The stored head state must be the replayed state, row for row: values, tree entries and bucket hashes. A node
    /// reads values straight from these rows (no hashing on a read), so a value changed on disk would be served to
    /// clients although every header and root still verifies; only this comparison catches it. Both sides are walked
    /// in key order, so memory stays constant.
    /// </summary>
    private void CompareState(IKeyValueStore replayed, ulong head)
    {
        using var stored = _source.Store.Iterate(Column.State, []).GetEnumerator();
        using var expected = replayed.Iterate(Column.State, []).GetEnumerator();
        var hasStored = stored.MoveNext();
        var hasExpected = expected.MoveNext();
        while (hasStored || hasExpected)
        {
            var order = !hasStored ? 1 : !hasExpected ? -1 : stored.Current.Key.AsSpan().SequenceCompareTo(expected.Current.Key);
            if (order < 0)
            {
                throw new Fault(null, $"state after head block {head}: {Describe(stored.Current.Key)} is stored, but re-execution has no such entry");
            }

            if (order > 0)
            {
                throw new Fault(null, $"state after head block {head}: {Describe(expected.Current.Key)} is missing from the stored state");
            }

            if (!stored.Current.Value.AsSpan().SequenceEqual(expected.Current.Value))
            {
                throw new Fault(null,
                    $"state after head block {head}: {Describe(stored.Current.Key)} is stored as 0x{Convert.ToHexStringLower(stored.Current.Value)}, re-execution gives 0x{Convert.ToHexStringLower(expected.Current.Value)}");
            }

            hasStored = stored.MoveNext();
            hasExpected = expected.MoveNext();
        }
    }

    /// <summary>A State-column key in words (docs/state.md, "Storage layout").</summary>
    private static string Describe(byte[] key)
    {
        if (key.Length > 1 + Address.Length && key[0] == StateKeys.ValuePrefix)
        {
            var ns = new Address(key.AsSpan(1, Address.Length));
            return $"the value of key 0x{Convert.ToHexStringLower(key.AsSpan(1 + Address.Length))} in namespace {ns}";
        }

        if (key.Length == 1 + Hash32.Length && key[0] == StateKeys.EntryPrefix)
        {
            return $"the state-tree entry of leaf {new Hash32(key.AsSpan(1))}";
        }

        if (key.Length == 3 && key[0] == StateKeys.BucketPrefix)
        {
            return $"the hash of state bucket {(key[1] << 8) | key[2]}";
        }

        return $"the unknown state record 0x{Convert.ToHexStringLower(key)}";
    }
}
