namespace Ledger.Execution.Snapshots;

/// <summary>A built snapshot: its manifest and encoded chunks, in manifest order (what a file or a peer serves).</summary>
public sealed record ChainSnapshot(SnapshotManifest Manifest, IReadOnlyList<byte[]> Chunks);
