using Ledger.Core.Primitives;

namespace Ledger.Execution.Snapshots;

/// <summary>One state entry of a snapshot: module storage (or a nonce, in namespace zero) and its tree leaf key.</summary>
public sealed record SnapshotEntry(Address Namespace, byte[] Key, byte[] Value, Hash32 LeafKey)
{
    /// <summary>Bytes this entry takes in a chunk: ns(20) ‖ keyLength(2) ‖ key ‖ valueLength(4) ‖ value.</summary>
    public int EncodedLength => Address.Length + 2 + Key.Length + 4 + Value.Length;
}
