namespace Ledger.Node.Operations;

/// <summary>What <c>ledger verify-chain</c> checks.</summary>
public sealed record VerifyChainOptions
{
    /// <summary>
    /// First block whose certificate and signatures are checked. Blocks before it are still replayed (their state is
    /// needed) and their links, roots, records and state roots checked, with the stored senders trusted.
    /// </summary>
    public ulong From { get; init; }

    /// <summary>Last block checked; null for the head. The stored state is compared with the replay only when this is the head.</summary>
    public ulong? To { get; init; }

    /// <summary>Called now and then with the last verified block (the CLI prints progress).</summary>
    public Action<ulong>? Progress { get; init; }
}
