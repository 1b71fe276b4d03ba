using Ledger.Core.Primitives;

namespace Ledger.Network;

/// <summary>A peer as this node sees it, for status pages, metrics and tests.</summary>
/// <param name="Address">The peer's node address.</param>
/// <param name="Endpoint">Where it listens, when configured.</param>
/// <param name="Connected">An authenticated stream is open.</param>
/// <param name="DialedByThisNode">This node dials it (its address is greater than ours); otherwise it dials us.</param>
/// <param name="LastError">Why the last connection attempt or stream ended, null while connected or never tried.</param>
/// <param name="ConnectedSince">When the current stream was authenticated.</param>
public sealed record PeerStatus(
    Address Address, Uri? Endpoint, bool Connected, bool DialedByThisNode, string? LastError, DateTimeOffset? ConnectedSince);
