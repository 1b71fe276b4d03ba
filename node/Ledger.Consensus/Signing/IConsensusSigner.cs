using Ledger.Core.Primitives;

namespace Ledger.Consensus.Signing;

/// <summary>The validator's key, behind a seam so an HSM-backed signer can replace the in-memory one.</summary>
public interface IConsensusSigner
{
    Address Address { get; }

    /// <summary>A deterministic (RFC 6979), low-s, 65-byte r ‖ s ‖ recId signature over a 32-byte digest.</summary>
    byte[] Sign(Hash32 digest);
}
