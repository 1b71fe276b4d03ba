using Ledger.Core.Primitives;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>Reads a validator's private key: one line of 64 hex digits, optionally 0x-prefixed.</summary>
public static class ValidatorKeyFile
{
    public static byte[] Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"cannot read key file '{path}': {ex.Message}", ex);
        }

        return Parse(text, path);
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
