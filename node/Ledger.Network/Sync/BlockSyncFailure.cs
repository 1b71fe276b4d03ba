using Ledger.Core.Primitives;

namespace Ledger.Network.Sync;

/// <summary>Why syncing from <paramref name="Peer"/> stopped at <paramref name="Height"/>.</summary>
public sealed record BlockSyncFailure(Address Peer, ulong Height, string Reason);
