using Ledger.Core.Primitives;

namespace Ledger.Network.Sync;

/// <summary>The outcome of one sync pass over the peers.</summary>
/// <param name="NextHeight">The next height wanted (local head + 1 after the pass).</param>
/// <param name="HeadHash">Hash of the last applied block (or the request's parent when none was applied).</param>
/// <param name="BlocksApplied">Blocks verified and handed to the apply callback.</param>
/// <param name="PeersAtHead">Peers that served until they had nothing newer: the node is caught up with them.</param>
/// <param name="Failures">Peers that failed, with the height and reason, in the order tried.</param>
public sealed record BlockSyncResult(
    ulong NextHeight, Hash32 HeadHash, int BlocksApplied, IReadOnlyList<Address> PeersAtHead, IReadOnlyList<BlockSyncFailure> Failures);
