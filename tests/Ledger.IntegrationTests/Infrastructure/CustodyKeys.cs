using Ledger.Core.Crypto;
using Ledger.TestSupport;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>Validator keys made the way an operator makes them: `ledger key hsm-new` in a SoftHSM2 token, `ledger key import` into a keystore.</summary>
public static class CustodyKeys
{
    /// <summary>The environment variable that carries a keystore password when <c>viaEnvironment</c> is chosen.</summary>
    public const string PasswordVariable = "LEDGER_TEST_KEYSTORE_PASSWORD";

    /// <summary>A secp256k1 key generated inside <paramref name="hsm"/>'s token by `ledger key hsm-new`.</summary>
    internal static async Task<NodeKey> HsmKeyAsync(SoftHsm2Token hsm, string keyLabel, string folder)
    {
        string[] arguments =
        [
            "--pkcs11-module", SoftHsm2Token.ModulePath, "--pkcs11-token", hsm.Label, "--pkcs11-key", keyLabel, "--pkcs11-pin-file", hsm.PinFile,
        ];
        var address = await LedgerKeyCommand.AddressOfAsync(["key", "hsm-new", .. arguments], folder, hsm.Environment);
        return new NodeKey(address, arguments, hsm.Environment) { Secret = hsm.UserPin };
    }

    /// <summary>
    /// Dev key <paramref name="devKey"/> imported by `ledger key import` into a light-scrypt keystore under
    /// <paramref name="password"/>, which `ledger run` then reads from a 0600 file or from <see cref="PasswordVariable"/>.
    /// </summary>
    public static async Task<NodeKey> KeyStoreKeyAsync(int devKey, string password, string folder, bool viaEnvironment)
    {
        var plain = WritePrivate(Path.Combine(folder, $"dev{devKey}.key"), Convert.ToHexStringLower(DevKeys.PrivateKey(devKey)));
        var passwordFile = WritePrivate(Path.Combine(folder, $"dev{devKey}.password"), password + "\n");
        var keystore = Path.Combine(folder, $"dev{devKey}.json");
        var address = await LedgerKeyCommand.AddressOfAsync(
            ["key", "import", "--key", plain, "--keystore", keystore, "--key-password-file", passwordFile, "--light-kdf"], folder);
        File.Delete(plain); // as the runbook says: the plain file goes once the keystore exists
        return viaEnvironment
            ? new NodeKey(address, ["--keystore", keystore, "--key-password-env", PasswordVariable], new Dictionary<string, string> { [PasswordVariable] = password }) { Secret = password }
            : new NodeKey(address, ["--keystore", keystore, "--key-password-file", passwordFile]) { Secret = password };
    }

    private static string WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
