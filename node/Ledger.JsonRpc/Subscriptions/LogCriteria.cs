using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// The address and topic part of a log filter (eth_getLogs, installed filters, logs subscriptions), compiled
/// once: addresses and each topic position are hash sets, so a log is matched in O(positions) whatever the
/// list sizes, and the bloom bits of every address and topic are found once here, so scanning blocks hashes
/// nothing per block. Immutable, so one instance may be matched from many threads.
/// </summary>
public sealed class LogCriteria
{
    private readonly HashSet<Address>? _addresses;
    private readonly HashSet<Hash32>?[] _topics;
    private readonly BloomBits[] _addressBits;
    private readonly BloomBits[]?[] _topicBits;

    /// <param name="addresses">Any of these (empty = any address).</param>
    /// <param name="topics">Per position, null or empty (any) or the alternatives of that position.</param>
    public LogCriteria(IReadOnlyList<Address> addresses, IReadOnlyList<IReadOnlyList<Hash32>?> topics)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(topics);
        Addresses = addresses;
        Topics = topics;
        Span<byte> item = stackalloc byte[Hash32.Length];
        if (addresses.Count > 0)
        {
            _addresses = [.. addresses];
            _addressBits = new BloomBits[_addresses.Count];
            var i = 0;
            foreach (var address in _addresses)
            {
                address.WriteTo(item);
                _addressBits[i++] = BloomBits.Of(item[..Address.Length]);
            }
        }
        else
        {
            _addressBits = [];
        }

        _topics = new HashSet<Hash32>?[topics.Count];
        _topicBits = new BloomBits[]?[topics.Count];
        for (var position = 0; position < topics.Count; position++)
        {
            if (topics[position] is not { Count: > 0 } alternatives)
            {
                continue;
            }

            var set = new HashSet<Hash32>(alternatives);
            var bits = new BloomBits[set.Count];
            var i = 0;
            foreach (var topic in set)
            {
                topic.WriteTo(item);
                bits[i++] = BloomBits.Of(item);
            }

            _topics[position] = set;
            _topicBits[position] = bits;
        }
    }

    /// <summary>Matches every log.</summary>
    public static LogCriteria Any { get; } = new([], []);

    /// <summary>The addresses as given (empty = any).</summary>
    public IReadOnlyList<Address> Addresses { get; }

    /// <summary>The topic positions as given (null or empty = any).</summary>
    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics { get; }

    /// <summary>Same rule as eth_getLogs: any listed address, and each topic position any or one of its hashes.</summary>
    public bool Matches(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (_addresses is not null && !_addresses.Contains(log.Address))
        {
            return false;
        }

        for (var i = 0; i < _topics.Length; i++)
        {
            if (_topics[i] is not { } wanted)
            {
                continue;
            }

            // A position the log does not have can only match a wildcard.
            if (i >= log.Topics.Count || !wanted.Contains(log.Topics[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// False when a block with this logs bloom certainly holds no matching log (so its receipts need not be
    /// read); true when it may. Three byte tests per listed item, no hashing.
    /// </summary>
    public bool MayMatch(ReadOnlySpan<byte> bloom)
    {
        if (bloom.Length != Bloom.Length)
        {
            throw new ArgumentException($"a logs bloom is {Bloom.Length} bytes, got {bloom.Length}", nameof(bloom));
        }

        if (_addressBits.Length > 0 && !AnyIn(_addressBits, bloom))
        {
            return false;
        }

        foreach (var bits in _topicBits)
        {
            if (bits is not null && !AnyIn(bits, bloom))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyIn(BloomBits[] items, ReadOnlySpan<byte> bloom)
    {
        foreach (var item in items)
        {
            if (item.In(bloom))
            {
                return true;
            }
        }

        return false;
    }
}
