namespace Ledger.Node.Operations;

/// <summary>The outcome of <see cref="ChainVerifier.Verify"/>: how far it got, and the first fault if any.</summary>
public sealed record ChainVerificationReport
{
    public required ulong Head { get; init; }

    public required ulong From { get; init; }

    public required ulong To { get; init; }

    /// <summary>Blocks verified and replayed (genesis counts as one).</summary>
    public required ulong Blocks { get; init; }

    public required ulong Transactions { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>True when the stored head state was compared, entry by entry, with the replayed one.</summary>
    public required bool StateCompared { get; init; }

    /// <summary>The first bad block (null when the fault is not in a block, e.g. the head pointer or the head state).</summary>
    public ulong? FailedBlock { get; init; }

    /// <summary>What is wrong, in one sentence; null when everything verified.</summary>
    public string? Failure { get; init; }

    public bool Succeeded => Failure is null;
}
