using Ledger.Core.Primitives;

namespace Ledger.JsonRpc;

/// <summary>One entry of a state-tree bucket in a proof: leaf key and Keccak(leafKey ‖ Keccak(value)).</summary>
public readonly record struct ProofEntry(Hash32 LeafKey, Hash32 EntryHash);
