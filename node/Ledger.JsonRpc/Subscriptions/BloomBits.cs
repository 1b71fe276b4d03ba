using Ledger.Core.Chain;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// The three bloom bits of one address or topic, found once (one Keccak) so that testing it against many
/// block blooms costs three byte lookups each and no hashing: a query over 10,000 blocks with 1,000 addresses
/// hashes 1,000 times, not 10,000,000.
/// </summary>
internal readonly struct BloomBits
{
    // Byte offsets and masks in the 256-byte bloom; an item whose bits share a byte repeats the first pair.
    private readonly short _index0;
    private readonly short _index1;
    private readonly short _index2;
    private readonly byte _mask0;
    private readonly byte _mask1;
    private readonly byte _mask2;

    private BloomBits(short index0, byte mask0, short index1, byte mask1, short index2, byte mask2)
    {
        _index0 = index0;
        _mask0 = mask0;
        _index1 = index1;
        _mask1 = mask1;
        _index2 = index2;
        _mask2 = mask2;
    }

    /// <summary>The bits <see cref="Bloom.Add(Span{byte}, ReadOnlySpan{byte})"/> sets for <paramref name="item"/>.</summary>
    public static BloomBits Of(ReadOnlySpan<byte> item)
    {
        // Derived from Bloom itself rather than re-implementing its bit selection, so the two cannot disagree.
        Span<byte> bloom = stackalloc byte[Bloom.Length];
        bloom.Clear();
        Bloom.Add(bloom, item);
        Span<short> indexes = stackalloc short[3];
        Span<byte> masks = stackalloc byte[3];
        var found = 0;
        for (short i = 0; i < Bloom.Length && found < 3; i++)
        {
            if (bloom[i] != 0)
            {
                indexes[found] = i;
                masks[found] = bloom[i];
                found++;
            }
        }

        for (var i = found; i < 3; i++)
        {
            indexes[i] = indexes[0];
            masks[i] = masks[0];
        }

        return new BloomBits(indexes[0], masks[0], indexes[1], masks[1], indexes[2], masks[2]);
    }

    /// <summary>False means the item is certainly not in the set the bloom summarises.</summary>
    public bool In(ReadOnlySpan<byte> bloom) =>
        (bloom[_index0] & _mask0) == _mask0 && (bloom[_index1] & _mask1) == _mask1 && (bloom[_index2] & _mask2) == _mask2;
}
