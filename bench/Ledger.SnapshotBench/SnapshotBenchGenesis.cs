using Ledger.Core.Crypto;
using Ledger.Core.Genesis;

namespace Ledger.SnapshotBench;

/// <summary>The repo genesis with one validator (dev key 10) and N more registered customers holding USDA and EURA.</summary>
internal static class SnapshotBenchGenesis
{
    /// <summary>Far above the keys the repo genesis uses for banks, validators and officers.</summary>
    public const int FirstAccountKey = 1_000;

    public static GenesisConfig Create(string repoGenesisPath, int accounts)
    {
        var genesis = GenesisLoader.LoadFile(repoGenesisPath).WithSingleValidator(0);
        var template = genesis.Identities[0];
        var addresses = Enumerable.Range(FirstAccountKey, accounts).AsParallel().AsOrdered().Select(DevKeys.Address).ToList();
        return genesis with
        {
            Identities = [.. genesis.Identities, .. addresses.Select(a => template with { Address = a })],
            Allocations = [.. genesis.Allocations, new AllocationConfig(addresses, ["USDA", "EURA"], "1000000")],
        };
    }
}
