using Ledger.Core.Primitives;
using Ledger.Custody;
using Ledger.Custody.KeyStore;
using Ledger.Wallet.Cli;
using Nethereum.KeyStore.Model;

namespace Ledger.Wallet.Keys;

/// <summary>
/// Web3 Secret Storage (keystore v3) files, as geth and MetaMask write them: the wallet's view of Ledger.Custody's
/// <see cref="KeyStoreV3"/> (the node reads validator keystores with the same code), with errors as key
/// <see cref="WalletException"/>s (exit code <see cref="ExitCodes.KeyError"/>).
/// </summary>
public static class KeyStoreFile
{
    public static ScryptParams StandardScrypt => KeyStoreV3.StandardScrypt;

    /// <summary>geth's --lightkdf: far faster to unlock, weaker against offline guessing.</summary>
    public static ScryptParams LightScrypt => KeyStoreV3.LightScrypt;

    public static string Encrypt(ReadOnlySpan<byte> privateKey, string password, bool light = false) =>
        KeyStoreV3.Encrypt(privateKey, password, light);

    /// <summary>
    /// The private key inside <paramref name="json"/>; throws a key <see cref="WalletException"/> for a wrong password
    /// or a file that is not a keystore, and checks that the key matches the file's address.
    /// </summary>
    public static byte[] Decrypt(string json, string password, string accountName) =>
        Translate(() => KeyStoreV3.Decrypt(json, password, $"account '{accountName}'"));

    /// <summary>The "address" field (optional in the standard; geth and MetaMask write it).</summary>
    public static bool TryReadAddress(string json, out Address address) => KeyStoreV3.TryReadAddress(json, out address);

    /// <summary>The keystore unchanged if it names an address, else with geth's "address" field added.</summary>
    public static string WithAddress(string json, Address address) => KeyStoreV3.WithAddress(json, address);

    /// <summary>Throws a key <see cref="WalletException"/> if the text is not a keystore v3 JSON object.</summary>
    public static void RequireKeyStore(string json, string source) =>
        Translate(() =>
        {
            KeyStoreV3.RequireKeyStore(json, source);
            return true;
        });

    private static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (KeyCustodyException ex)
        {
            throw WalletException.Key(ex.Message, ex);
        }
    }
}
