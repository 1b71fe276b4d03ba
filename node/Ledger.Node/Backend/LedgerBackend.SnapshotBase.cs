using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

/// <summary>
/// A node started from a snapshot of block H stores nothing before H (docs/state.md, "Snapshots"). Such a block is not
/// "unknown" — it exists on the chain — so a request for it gets an error that says why, instead of the null that means
/// "no such block".
/// </summary>
public sealed partial class LedgerBackend
{
    private void EnsureStored(ulong number)
    {
        if (_chain.SnapshotBase is { } snapshotBase && number < snapshotBase)
        {
            throw new JsonRpcException(
                JsonRpcErrorCode.ResourceNotFound,
                $"block {number} is not stored on this node: it started from a snapshot of block {snapshotBase} (ask a node with the whole chain)");
        }
    }
}
