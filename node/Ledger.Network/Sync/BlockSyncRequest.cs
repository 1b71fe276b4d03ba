using Ledger.Core.Primitives;

namespace Ledger.Network.Sync;

/// <summary>Where the local chain ends and how to verify and apply what comes after it.</summary>
public sealed record BlockSyncRequest
{
    /// <summary>The first height wanted: the local head + 1.</summary>
    public required ulong FromHeight { get; init; }

    /// <summary>Hash of the local head (block <see cref="FromHeight"/> − 1): the first synced block must link to it.</summary>
    public required Hash32 ParentHash { get; init; }

    /// <summary>
    /// The validator set that must have certified block h. Called only after block h − 1 was applied, so a set changed by
    /// a committed validator vote is already visible.
    /// </summary>
    public required Func<ulong, IReadOnlyList<Address>> ValidatorsAt { get; init; }

    public required SyncedBlockHandler Apply { get; init; }

    /// <summary>The chain's block byte limit (genesis <c>maxBlockBytes</c>): a larger block is refused before recovery.</summary>
    public long MaxBlockBytes { get; init; } = long.MaxValue;

    /// <summary>Blocks asked for per SyncBlocks call (the server may send fewer).</summary>
    public uint BlocksPerRequest { get; init; } = 256;
}
