using Ledger.Core.Crypto;
using Ledger.Core.Genesis;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>A single-validator genesis (bank A's validator of the dev genesis) and its key file (mode 0600) for `ledger run`.</summary>
public static class NodeFiles
{
    public static (string GenesisPath, string KeyPath) Write(string folder)
    {
        var genesis = Path.Combine(folder, "genesis.json");
        var source = GenesisLoader.LoadFile(Path.Combine(RepoPaths.Root, "genesis.json")).WithSingleValidator(0);
        File.WriteAllText(genesis, source.ToJson());
        var key = Path.Combine(folder, "validator.key");
        File.WriteAllText(key, Convert.ToHexStringLower(DevKeys.PrivateKey(10)) + "\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (genesis, key);
    }
}
