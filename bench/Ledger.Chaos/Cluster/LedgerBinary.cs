using Ledger.LoadGen;

namespace Ledger.Chaos.Cluster;

/// <summary>The built <c>ledger.dll</c> the campaign starts (LEDGER_DLL, else the repo's build; see <see cref="SpawnedNodes.FindLedgerDll"/>).</summary>
internal static class LedgerBinary
{
    private static readonly Lazy<string> Found = new(SpawnedNodes.FindLedgerDll);

    public static string Path => Found.Value;
}
