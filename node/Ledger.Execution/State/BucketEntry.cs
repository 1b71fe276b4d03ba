using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>One entry of a state-tree bucket: its leaf key and its hash Keccak(leafKey ‖ Keccak(value)).</summary>
public readonly record struct BucketEntry(Hash32 LeafKey, Hash32 EntryHash);
