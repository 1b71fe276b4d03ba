using Ledger.Core.Primitives;

namespace Ledger.Consensus.Signing;

/// <summary>
/// The one seam behind everything a node signs: commit seals, consensus votes, peer handshakes, sync requests and
/// validator-vote transactions. Implementations: <see cref="LocalKeySigner"/> (a key in memory: a plain key file or a
/// keystore decrypted at start) and Ledger.Custody's PKCS#11 signer (the key stays in an HSM). Must be thread-safe:
/// the consensus loop, the peer network and JSON-RPC threads sign concurrently.
/// </summary>
public interface IConsensusSigner
{
    Address Address { get; }

    /// <summary>
    /// A low-s, 65-byte r ‖ s ‖ recId (0 or 1) signature over a 32-byte digest that recovers to <see cref="Address"/>.
    /// Deterministic (RFC 6979) for a local key; an HSM picks its own nonce, so callers must not rely on determinism.
    /// Throws when the key cannot sign (an HSM that fails); the caller treats that as fatal for what it was signing.
    /// </summary>
    byte[] Sign(Hash32 digest);
}
