using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// The transactions admitted lately, shared by every pending-transaction filter: admission appends once, in O(1)
/// however many filters are installed, and each filter only remembers how far it has read (a sequence number).
/// Bounded in count and bytes: the oldest are dropped first, and a filter polled that late has lost them (as a
/// per-filter queue would). Replaces one queue per filter, which cost every admission a pass over all filters and
/// could hold filters × queue length references.
/// </summary>
internal sealed class PendingLog
{
    private readonly SignedTransaction?[] _ring;
    private readonly long _maxBytes;
    private readonly Lock _lock = new();
    private long _first;
    private long _next;
    private long _bytes;

    public PendingLog(int maxCount, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _ring = new SignedTransaction?[maxCount];
        _maxBytes = maxBytes;
    }

    /// <summary>The sequence number the next appended transaction gets: a new filter starts reading here.</summary>
    public long Next
    {
        get
        {
            lock (_lock)
            {
                return _next;
            }
        }
    }

    public void Append(SignedTransaction transaction)
    {
        lock (_lock)
        {
            if (_next - _first == _ring.Length)
            {
                DropOldest();
            }

            _ring[_next % _ring.Length] = transaction;
            _next++;
            _bytes += transaction.Raw.Length;

            // The newest always stays, even alone over the byte limit: a filter must see that something arrived.
            while (_bytes > _maxBytes && _next - _first > 1)
            {
                DropOldest();
            }
        }
    }

    /// <summary>
    /// At most <paramref name="max"/> transactions from <paramref name="cursor"/> on (from the oldest still held
    /// when the cursor is older), oldest first; the cursor moves past what is returned.
    /// </summary>
    public SignedTransaction[] Read(ref long cursor, int max)
    {
        lock (_lock)
        {
            var from = Math.Max(cursor, _first);
            var count = (int)Math.Min(_next - from, max);
            var read = new SignedTransaction[count];
            for (var i = 0; i < count; i++)
            {
                read[i] = _ring[(from + i) % _ring.Length]!;
            }

            cursor = from + count;
            return read;
        }
    }

    private void DropOldest()
    {
        var slot = _first % _ring.Length;
        _bytes -= _ring[slot]!.Raw.Length;
        _ring[slot] = null;
        _first++;
    }
}
