namespace Ledger.Consensus;

/// <summary>What <see cref="ConsensusMessageScreen"/> decided about one encoded message from a peer.</summary>
public enum ConsensusScreenVerdict
{
    /// <summary>Decoded, for a height in the window, signed by a validator of the current set: queue it.</summary>
    Accepted,

    /// <summary>Not a well-formed consensus message.</summary>
    Malformed,

    /// <summary>For a height this node has finished.</summary>
    Stale,

    /// <summary>For a height beyond the window: the peers are ahead, block sync catches up instead.</summary>
    TooFarAhead,

    /// <summary>The signature does not recover to any key.</summary>
    BadSignature,

    /// <summary>Signed by a key outside the current validator set.</summary>
    NotValidator,
}
