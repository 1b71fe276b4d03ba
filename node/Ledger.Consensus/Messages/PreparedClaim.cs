using Ledger.Core.Primitives;

namespace Ledger.Consensus.Messages;

/// <summary>The round in which the sender last became prepared and the block it prepared (signed in ROUND-CHANGE).</summary>
public sealed record PreparedClaim(uint Round, Hash32 BlockHash);
