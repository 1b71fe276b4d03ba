using Ledger.Core.Primitives;

namespace Ledger.Node.Operations;

/// <summary>The header of an export file: which chain, which genesis (hash and document), and the first block it holds.</summary>
public sealed record ChainExportHeader(ulong ChainId, Hash32 GenesisHash, ulong FirstBlock, byte[] GenesisDocument);
