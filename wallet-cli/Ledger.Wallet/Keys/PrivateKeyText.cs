using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Keys;

/// <summary>Private keys and mnemonics as a user types them. Messages never repeat the secret.</summary>
public static class PrivateKeyText
{
    /// <summary>64 hex digits, 0x optional; a usage error (without the key) otherwise.</summary>
    public static byte[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var hex = trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? trimmed : "0x" + trimmed;
        if (hex.Length != 66 || !Hex.TryDecode(hex, out var key))
        {
            throw WalletException.Usage("the private key must be 64 hex digits (0x optional); the value given is not");
        }

        try
        {
            _ = Ecdsa.Default.AddressOf(key);
        }
        catch (ArgumentException ex)
        {
            throw new WalletException("the private key is outside the secp256k1 range (zero or too large)", ExitCodes.Usage, ex);
        }

        return key;
    }

    /// <summary>The key at m/44'/60'/0'/0/<paramref name="index"/> of a BIP-39 mnemonic, as MetaMask derives it.</summary>
    public static byte[] FromMnemonic(string mnemonic, int index, string passphrase = "")
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        var words = string.Join(' ', mnemonic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (!Bip39.IsValidMnemonic(words))
        {
            throw WalletException.Usage("the mnemonic is not a valid BIP-39 English phrase (check the words and their order)");
        }

        if (index < 0)
        {
            throw WalletException.Usage("--index must not be negative");
        }

        return Bip32.DerivePath(Bip39.MnemonicToSeed(words, passphrase), DevKeys.AccountPathPrefix + index).PrivateKey;
    }
}
