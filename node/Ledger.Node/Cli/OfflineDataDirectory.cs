using Ledger.Core.Genesis;
using Ledger.Execution.Chain;
using Ledger.Node.Configuration;
using Ledger.Storage;
using Ledger.Storage.Rocks;

namespace Ledger.Node.Cli;

/// <summary>
/// A data directory opened read-only for an offline command (verify-chain, export): its format checked first, and the
/// genesis it was created with, from <c>--genesis</c> or else the document the directory records (format 2 on).
/// </summary>
internal sealed class OfflineDataDirectory : IDisposable
{
    private OfflineDataDirectory(RocksDbKeyValueStore store, GenesisConfig genesis, uint format)
    {
        Store = store;
        Chain = new StoredChain(store);
        Genesis = genesis;
        Format = format;
    }

    public RocksDbKeyValueStore Store { get; }

    public StoredChain Chain { get; }

    public GenesisConfig Genesis { get; }

    public uint Format { get; }

    /// <summary>Throws <see cref="NodeConfigurationException"/> with the reason when the directory cannot be used.</summary>
    public static OfflineDataDirectory Open(string path, FileInfo? genesisFile)
    {
        RocksDbKeyValueStore store;
        try
        {
            store = RocksDbKeyValueStore.OpenReadOnly(path);
        }
        catch (StorageFailedException ex)
        {
            throw new NodeConfigurationException($"cannot open the data directory: {ex.Message}", ex);
        }

        try
        {
            var format = ChainFormat.Read(store) ?? throw new NodeConfigurationException($"'{path}' holds no chain");
            ChainFormat.EnsureSupported(format);
            var genesis = genesisFile is not null
                ? LedgerCli.LoadGenesis(genesisFile.FullName)
                : ChainFormat.ReadGenesis(store) ?? throw new NodeConfigurationException(
                    $"the data directory is format {format} and does not record its genesis: pass --genesis FILE (the genesis the node runs with)");
            return new OfflineDataDirectory(store, genesis, format);
        }
        catch (ChainDataException ex)
        {
            store.Dispose();
            throw new NodeConfigurationException(ex.Message, ex);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Dispose() => Store.Dispose();
}
