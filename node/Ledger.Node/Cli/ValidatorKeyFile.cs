using Ledger.Core.Primitives;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// Reads a validator's private key from a plain file: one line of 64 hex digits, optionally 0x-prefixed. Kept for
/// development and tests; production keys live in a keystore or an HSM (docs/security.md). Loading always warns, and
/// refuses a file that others can read unless told otherwise.
/// </summary>
public static class ValidatorKeyFile
{
    /// <summary>Most bytes of a key file: 0x + 64 hex digits + a line break, with room for stray whitespace.</summary>
    private const int MaxBytes = 1024;

    /// <summary>
    /// The key in <paramref name="path"/>; throws <see cref="NodeConfigurationException"/> for an unreadable or malformed
    /// file, or one readable by others when <paramref name="allowInsecure"/> is false.
    /// </summary>
    public static byte[] Load(string path, bool allowInsecure, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        ValidatorSigners.RequirePrivate(path, "key file", allowInsecure, warnings);
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                throw new NodeConfigurationException($"key file '{path}' is over {MaxBytes} bytes; it must hold one line of 64 hex digits");
            }

            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"cannot read key file '{path}': {ex.Message}", ex);
        }

        var key = Parse(text, path);
        warnings.WriteLine($"ledger: warning: the validator key is a plain hex file ('{path}'); for production keep it in a keystore (--keystore) or an HSM (--pkcs11-*)");
        return key;
    }

    public static byte[] Parse(string text, string source)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
        if (!Hex.TryDecode(hex, out var key) || key.Length != 32)
        {
            // Never echo the content: it may be a slightly malformed real key.
            throw new NodeConfigurationException(
                $"key file '{source}' must hold a secp256k1 private key as 64 hex digits (0x optional); it holds {text.Length} characters that are not one");
        }

        if (Array.TrueForAll(key, b => b == 0) || key.AsSpan().SequenceCompareTo(Core.Crypto.SignatureRules.Order) >= 0)
        {
            throw new NodeConfigurationException($"key file '{source}' holds a value outside the secp256k1 key range (1 to n-1)");
        }

        return key;
    }
}
