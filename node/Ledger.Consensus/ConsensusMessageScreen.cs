using Ledger.Consensus.Messages;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>
/// The cheap checks a node runs on every consensus message from a peer before queueing it for the state machine, in
/// order of cost: header well-formed (no attachment decoded), height in [current, current + window], one signature
/// recovery whose signer must be in the current validator set, and only then the full decode (blocks and
/// justifications). Junk from a stranger, for a far height or with a bad signature thus costs at most one recovery and
/// never takes a place in the bounded queues behind it. The state machine still checks everything itself; this is a
/// filter, not the authority. Thread-safe: the node's network threads screen while its consensus loop moves the window
/// with <see cref="Update"/>.
/// </summary>
public sealed class ConsensusMessageScreen
{
    private readonly ulong _chainId;
    private readonly IEcdsa _ecdsa;
    private readonly int _futureHeightWindow;
    private readonly long[] _counts = new long[Enum.GetValues<ConsensusScreenVerdict>().Length];
    private Snapshot? _current;

    public ConsensusMessageScreen(ulong chainId, IEcdsa ecdsa, int futureHeightWindow)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        ArgumentOutOfRangeException.ThrowIfNegative(futureHeightWindow);
        _chainId = chainId;
        _ecdsa = ecdsa;
        _futureHeightWindow = futureHeightWindow;
    }

    /// <summary>The height the window starts at (0 before the first <see cref="Update"/>).</summary>
    public ulong Height => Volatile.Read(ref _current)?.Height ?? 0;

    /// <summary>Called with each verdict other than <see cref="ConsensusScreenVerdict.Accepted"/> and the message's height
    /// (e.g. to count it, or to start block sync for <see cref="ConsensusScreenVerdict.TooFarAhead"/>). Must be cheap.</summary>
    public Action<ConsensusScreenVerdict, ulong>? Dropped { get; init; }

    /// <summary>Moves the window to <paramref name="height"/>, whose validators are <paramref name="validators"/>.</summary>
    public void Update(ulong height, IEnumerable<Address> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        Volatile.Write(ref _current, new Snapshot(height, [.. validators]));
    }

    /// <summary>How many messages got <paramref name="verdict"/> so far.</summary>
    public long Count(ConsensusScreenVerdict verdict) => Interlocked.Read(ref _counts[(int)verdict]);

    /// <summary>Screens one encoded message; <paramref name="message"/> is set only when it is accepted.</summary>
    public ConsensusScreenVerdict Screen(ReadOnlySpan<byte> encoded, out SignedConsensusMessage? message, out Address signer)
    {
        message = null;
        signer = default;
        ConsensusMessageHeader header;
        try
        {
            header = ConsensusMessageCodec.ReadHeader(encoded, _chainId);
        }
        catch (ConsensusMessageFormatException)
        {
            return Drop(ConsensusScreenVerdict.Malformed, 0);
        }

        // Before the first Update nothing is known; the state machine refuses everything until it starts a height anyway.
        if (Volatile.Read(ref _current) is not { } current || header.Height < current.Height)
        {
            return Drop(ConsensusScreenVerdict.Stale, header.Height);
        }

        if (header.Height - current.Height > (ulong)_futureHeightWindow)
        {
            return Drop(ConsensusScreenVerdict.TooFarAhead, header.Height);
        }

        if (!ConsensusMessageSigning.TryRecover(header.Digest, header.Signature, _ecdsa, out signer))
        {
            return Drop(ConsensusScreenVerdict.BadSignature, header.Height);
        }

        if (!current.Validators.Contains(signer))
        {
            return Drop(ConsensusScreenVerdict.NotValidator, header.Height);
        }

        try
        {
            message = ConsensusMessageCodec.Decode(encoded);
        }
        catch (ConsensusMessageFormatException)
        {
            return Drop(ConsensusScreenVerdict.Malformed, header.Height);
        }

        Interlocked.Increment(ref _counts[(int)ConsensusScreenVerdict.Accepted]);
        return ConsensusScreenVerdict.Accepted;
    }

    private ConsensusScreenVerdict Drop(ConsensusScreenVerdict verdict, ulong height)
    {
        Interlocked.Increment(ref _counts[(int)verdict]);
        Dropped?.Invoke(verdict, height);
        return verdict;
    }

    private sealed record Snapshot(ulong Height, HashSet<Address> Validators);
}
