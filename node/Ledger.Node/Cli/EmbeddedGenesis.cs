using Ledger.Core.Genesis;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>The repo's genesis.json, embedded in the executable so <c>ledger dev</c> needs no files.</summary>
public static class EmbeddedGenesis
{
    public const string ResourceName = "genesis.json";

    public static string ReadJson()
    {
        using var stream = typeof(EmbeddedGenesis).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource '{ResourceName}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static GenesisConfig Load()
    {
        try
        {
            return GenesisLoader.Load(ReadJson());
        }
        catch (GenesisException ex)
        {
            throw new NodeConfigurationException($"embedded genesis: {ex.Message}", ex);
        }
    }
}
