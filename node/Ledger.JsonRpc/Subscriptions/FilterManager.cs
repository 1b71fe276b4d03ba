using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// The installed polling filters of one endpoint. A filter not polled for <see cref="JsonRpcOptions.FilterTimeout"/>
/// is removed (geth: 5 minutes), so clients that vanish leave nothing behind. Expiry is swept on each block and on
/// each filter call rather than by a timer: the node commits a block at least every heartbeat. The block's sweep
/// runs on the thread pool, not on the commit path, since it walks every installed filter.
/// </summary>
public sealed class FilterManager
{
    private readonly ConcurrentDictionary<string, InstalledFilter> _filters = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonRpcOptions _options;
    private readonly TimeProvider _time;
    private readonly PendingLog _pending;
    private long _lastSweep;
    private int _sweepQueued;

    public FilterManager(LedgerEvents events, JsonRpcOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _pending = new PendingLog(_options.MaxFilterQueue, _options.MaxFilterQueueBytes);
        events.TransactionPending += OnPending;
        events.BlockCommitted += OnBlock;
    }

    public int Count => _filters.Count;

    /// <summary>Installs <paramref name="filter"/> and returns its id, or throws -32005 when the node holds too many.</summary>
    public string Install(InstalledFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Sweep(force: false);
        if (_filters.Count >= _options.MaxFilters)
        {
            throw new JsonRpcException(JsonRpcErrorCode.LimitExceeded, $"too many installed filters (limit {_options.MaxFilters}); uninstall unused ones");
        }

        filter.LastUsed = _time.GetTimestamp();
        filter.PendingCursor = _pending.Next;
        var id = NewId();
        _filters[id] = filter;
        return id;
    }

    /// <summary>The live filter with this id (its expiry clock restarts), or null if unknown or expired.</summary>
    public InstalledFilter? Use(string id)
    {
        Sweep(force: false);
        if (!_filters.TryGetValue(id, out var filter))
        {
            return null;
        }

        if (Expired(filter, _time.GetTimestamp()))
        {
            _filters.TryRemove(id, out _);
            return null;
        }

        filter.LastUsed = _time.GetTimestamp();
        return filter;
    }

    public bool Uninstall(string id) => _filters.TryRemove(id, out _);

    /// <summary>Removes every expired filter now (tests and the block path).</summary>
    public void Sweep() => Sweep(force: true);

    /// <summary>
    /// A geth-style id: 16 random bytes, so ids cannot be guessed across clients, written as a quantity (no
    /// leading zeros) because the OpenRPC schema of eth_newFilter types the id as uint.
    /// </summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var hex = Convert.ToHexStringLower(bytes).TrimStart('0');
        return "0x" + (hex.Length == 0 ? "0" : hex);
    }

    /// <summary>
    /// What arrived in the pool since <paramref name="filter"/>'s last poll, at most <paramref name="max"/> (the rest
    /// comes with the next poll). Caller holds the filter's <see cref="InstalledFilter.Lock"/>.
    /// </summary>
    public SignedTransaction[] ReadPending(InstalledFilter filter, int max)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return _pending.Read(ref filter.PendingCursor, max);
    }

    // On the admission path: one append to the shared log, whatever the number of filters.
    private void OnPending(SignedTransaction transaction) => _pending.Append(transaction);

    private void OnBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        if (Interlocked.CompareExchange(ref _sweepQueued, 1, 0) == 0)
        {
            ThreadPool.QueueUserWorkItem(static self => self.SweepQueued(), this, preferLocal: false);
        }
    }

    private void SweepQueued()
    {
        try
        {
            Sweep(force: false);
        }
        finally
        {
            Volatile.Write(ref _sweepQueued, 0);
        }
    }

    private void Sweep(bool force)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastSweep);
        if (!force && _time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweep, now);
        foreach (var (id, filter) in _filters)
        {
            if (Expired(filter, now))
            {
                _filters.TryRemove(id, out _);
            }
        }
    }

    private bool Expired(InstalledFilter filter, long now) => _time.GetElapsedTime(filter.LastUsed, now) > _options.FilterTimeout;
}
