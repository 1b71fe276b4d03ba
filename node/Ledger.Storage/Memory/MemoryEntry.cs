namespace Ledger.Storage.Memory;

/// <summary>
/// One key of a <see cref="MemoryKeyValueStore"/> column. Entries order by key in unsigned byte order; the
/// <see cref="End"/> sentinel sorts after every key so a prefix range can be opened without computing an upper key.
/// </summary>
internal sealed class MemoryEntry(byte[] key, byte[] value)
{
    public static MemoryEntry End { get; } = new([], []);

    public static IComparer<MemoryEntry> Comparer { get; } = Comparer<MemoryEntry>.Create(Compare);

    public byte[] Key { get; } = key;

    public byte[] Value { get; set; } = value;

    private static int Compare(MemoryEntry? x, MemoryEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || ReferenceEquals(y, End))
        {
            return -1;
        }

        if (y is null || ReferenceEquals(x, End))
        {
            return 1;
        }

        return x.Key.AsSpan().SequenceCompareTo(y.Key);
    }
}
