using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>A validator's signature over (block hash, round): its COMMIT vote, kept as proof of finality.</summary>
public sealed record CommitSeal(Address Validator, byte[] Signature65);
