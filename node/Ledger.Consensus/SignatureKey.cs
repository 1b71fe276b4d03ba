using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>Cache key for a recovered signer: the digest and the whole signature (r, s and v all change the signer).</summary>
internal readonly record struct SignatureKey(Hash32 Digest, Hash32 R, Hash32 S, byte V);
