using Ledger.Consensus.Messages;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>
/// Recovers signers with a bounded memo: the same PREPARE is checked alone, inside ROUND-CHANGE certificates and
/// again inside a PROPOSAL's justification, and recovery is the expensive step. Digests are bound to
/// <paramref name="chainId"/>: a message signed for another chain recovers to some unrelated address and is refused.
/// </summary>
internal sealed class SignatureVerifier(IEcdsa ecdsa, ulong chainId)
{
    private const int MaxEntries = 8192;
    private readonly Dictionary<SignatureKey, Address?> _cache = [];

    public bool TryRecoverSender(SignedConsensusMessage message, out Address sender) =>
        TryRecover(ConsensusMessageSigning.Digest(message, chainId), message.Signature, out sender);

    public bool TryRecover(Hash32 digest, byte[]? signature65, out Address signer)
    {
        signer = default;
        if (signature65 is null || signature65.Length != 65)
        {
            return false;
        }

        var key = new SignatureKey(digest, new Hash32(signature65.AsSpan(0, 32)), new Hash32(signature65.AsSpan(32, 32)), signature65[64]);
        if (!_cache.TryGetValue(key, out var cached))
        {
            cached = ConsensusMessageSigning.TryRecover(digest, signature65, ecdsa, out var recovered) ? recovered : null;
            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }

            _cache[key] = cached;
        }

        if (cached is { } address)
        {
            signer = address;
            return true;
        }

        return false;
    }
}
