using Ledger.Core.Primitives;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// What a snapshot-synced node trusts (docs/state.md, "Snapshots"). Headers carry only the hash of their validator set;
/// the set itself lives in state, so a new node cannot follow set changes from genesis without replaying. It therefore
/// accepts the base block H when its certificate verifies under the manifest's validator set AND either that set is the
/// genesis set (then H is final by the same validators that made genesis) or H's hash is <see cref="TrustedBlockHash"/>,
/// which the operator took from a node or auditor they trust (as with a Cosmos trust hash or a geth checkpoint).
/// </summary>
public sealed record SnapshotTrust(ulong ChainId, Hash32 GenesisHash, IReadOnlyList<Address> GenesisValidators, Hash32? TrustedBlockHash = null);
