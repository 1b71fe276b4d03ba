using Ledger.Core.Primitives;

namespace Ledger.Custody.KeyStore;

/// <summary>What a keystore v3 file says about itself without being decrypted (for <c>ledger key inspect</c>).</summary>
/// <param name="Address">The "address" field, when present (optional in the standard; geth and MetaMask write it).</param>
/// <param name="Kdf">"scrypt" or "pbkdf2".</param>
/// <param name="KdfParameters">The cost parameters as written, e.g. "n=262144 r=8 p=1" or "c=262144 prf=hmac-sha256".</param>
/// <param name="Cipher">The symmetric cipher, normally "aes-128-ctr".</param>
public sealed record KeyStoreSummary(Address? Address, string Kdf, string KdfParameters, string Cipher);
