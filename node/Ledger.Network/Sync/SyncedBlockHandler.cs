using Ledger.Core.Chain;

namespace Ledger.Network.Sync;

/// <summary>
/// Called with each verified block, in order: the node re-executes it on its head and commits it (ChainStore.Commit).
/// Throw <see cref="BlockSyncException"/> to reject the block (for example a state root that does not re-execute): the
/// client then stops with that peer and tries the next. Any other exception stops the sync and propagates.
/// </summary>
public delegate ValueTask SyncedBlockHandler(Block block, CancellationToken cancellationToken);
