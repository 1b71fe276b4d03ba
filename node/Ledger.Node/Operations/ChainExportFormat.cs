namespace Ledger.Node.Operations;

/// <summary>
/// The export file format (docs/operations.md, "Export and import"), version 1. All integers big-endian.
/// <code>
/// header : magic "LEDGEREX" (8) | version u32 | chainId u64 | genesisHash (32) | firstBlock u64 | docLength u32 | genesis document (UTF-8 JSON)
/// record : length u32 (1 … MaxRecordBytes) | block (BlockCodec: header, [raw tx, sender]…, commit certificate)
/// end    : length u32 = 0 | blockCount u64 | lastBlockHash (32; zero when blockCount is 0)
/// </code>
/// Records are written and read one at a time, so exporting or importing a chain of any length takes constant memory;
/// the end record makes a truncated file detectable (every block before the cut is still verified and imported).
/// </summary>
public static class ChainExportFormat
{
    public const uint Version = 1;

    /// <summary>Largest block record: the peer message limit, which every block fits with room to spare (DESIGN.md §10).</summary>
    public const int MaxRecordBytes = 64 * 1024 * 1024;

    /// <summary>Largest genesis document accepted in a header.</summary>
    public const int MaxGenesisDocumentBytes = 16 * 1024 * 1024;

    public static ReadOnlySpan<byte> Magic => "LEDGEREX"u8;
}
