using Ledger.Core.Chain;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;

namespace Ledger.Node.Operations;

/// <summary>
/// <c>ledger export</c>: streams blocks <c>from … to</c> of a data directory, with their certificates, into an export
/// file (<see cref="ChainExportFormat"/>). The records are copied as stored, not re-verified: <c>ledger import</c> verifies
/// every block as block sync does, and <c>ledger verify-chain</c> audits a directory before it is exported.
/// </summary>
public static class ChainExporter
{
    /// <summary>Writes the export; returns the number of blocks written. Throws <see cref="InvalidDataException"/> for a missing record.</summary>
    public static ulong Export(StoredChain source, GenesisConfig genesis, Stream output, ulong from, ulong? to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(output);
        var genesisHash = source.GenesisHash ?? throw new InvalidDataException("the data dir has no genesis hash");
        var head = HeadNumber(source);
        var last = to ?? head;
        if (last > head)
        {
            throw new ArgumentException($"--to {last} is after the head of this chain (block {head})", nameof(to));
        }

        if (from > last)
        {
            throw new ArgumentException($"--from {from} is after --to {last}", nameof(from));
        }

        var writer = new ChainExportWriter(output, new ChainExportHeader(genesis.ChainId, genesisHash, from, ChainFormat.EncodeGenesis(genesis)));
        for (var number = from; number <= last; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hash = source.CanonicalHash(number) ?? throw new InvalidDataException($"block {number} is missing from the canonical index");
            var record = source.BlockRecord(hash) ?? throw new InvalidDataException($"block {number} ({hash}) has no stored body");
            writer.WriteBlock(record, hash);
        }

        writer.Finish();
        return writer.BlocksWritten;
    }

    private static ulong HeadNumber(StoredChain source)
    {
        var hash = source.HeadHash ?? throw new InvalidDataException("the data dir has no head pointer");
        var header = source.HeaderRecord(hash) ?? throw new InvalidDataException($"the head block {hash} has no stored header");
        return BlockHeaderCodec.Decode(header).Number;
    }

    /// <summary>The hash the genesis document gives, to check a <c>--genesis</c> file against the directory before exporting.</summary>
    public static Hash32 GenesisHashOf(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        using var store = new Storage.Memory.MemoryKeyValueStore();
        var chain = new ChainStore(store, new Execution.Modules.ModuleRegistry(Contracts.ModuleCatalog.FromGenesis(genesis)), genesis, retainedStates: 1, recentBlocks: 1, historyBlocks: 1);
        chain.Open();
        return chain.GenesisHash;
    }
}
