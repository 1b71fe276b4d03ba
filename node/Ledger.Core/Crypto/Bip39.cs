using System.Security.Cryptography;
using System.Text;

namespace Ledger.Core.Crypto;

/// <summary>
/// BIP-39 mnemonics (English wordlist): checksum validation and mnemonic → 64-byte seed
/// (PBKDF2-HMAC-SHA512, 2048 iterations, salt "mnemonic" + passphrase, both NFKD-normalised).
/// Used to derive the public dev keys; nothing here is meant for production key generation.
/// </summary>
public static class Bip39
{
    public const int SeedLength = 64;

    private const int Iterations = 2048;
    private const string WordlistResource = "Ledger.Core.Crypto.Bip39English.txt";

    private static readonly Lazy<string[]> Words = new(LoadWordlist);
    private static readonly Lazy<Dictionary<string, int>> WordIndex = new(
        () => Words.Value.Select((word, index) => (word, index)).ToDictionary(p => p.word, p => p.index, StringComparer.Ordinal));

    // InvariantGlobalization (Directory.Build.props) leaves .NET without Unicode tables; see Nfkd.
    private static readonly Lazy<bool> NormalizationAvailable = new(() => "\u00e9".Normalize(NormalizationForm.FormKD) == "e\u0301");

    /// <summary>The 2048 words of the official English list, in order.</summary>
    public static IReadOnlyList<string> EnglishWordlist => Words.Value;

    /// <summary>The 64-byte seed of a mnemonic. The mnemonic is not validated (BIP-39 defines the seed for any text).</summary>
    public static byte[] MnemonicToSeed(string mnemonic, string passphrase = "")
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        ArgumentNullException.ThrowIfNull(passphrase);
        var password = System.Text.Encoding.UTF8.GetBytes(Nfkd(mnemonic, nameof(mnemonic)));
        var salt = System.Text.Encoding.UTF8.GetBytes(Nfkd("mnemonic" + passphrase, nameof(passphrase)));
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, SeedLength);
    }

    /// <summary>True when every word is in the English list, the word count is 12–24 (step 3) and the checksum holds.</summary>
    public static bool IsValidMnemonic(string mnemonic) => TryMnemonicToEntropy(mnemonic, out _, out _);

    /// <summary>The entropy a valid mnemonic encodes; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static byte[] MnemonicToEntropy(string mnemonic) =>
        TryMnemonicToEntropy(mnemonic, out var entropy, out var error) ? entropy : throw new FormatException(error);

    /// <summary>The mnemonic of 16, 20, 24, 28 or 32 bytes of entropy (for tests and tooling).</summary>
    public static string EntropyToMnemonic(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length is < 16 or > 32 || entropy.Length % 4 != 0)
        {
            throw new ArgumentException("entropy must be 16, 20, 24, 28 or 32 bytes", nameof(entropy));
        }

        var checksumBits = entropy.Length / 4;
        var bits = new byte[entropy.Length + 1];
        entropy.CopyTo(bits);
        bits[^1] = SHA256.HashData(entropy)[0];
        var wordCount = (entropy.Length * 8 + checksumBits) / 11;
        var words = new string[wordCount];
        for (var w = 0; w < wordCount; w++)
        {
            var index = 0;
            for (var b = 0; b < 11; b++)
            {
                var bit = w * 11 + b;
                index = (index << 1) | ((bits[bit / 8] >> (7 - (bit % 8))) & 1);
            }

            words[w] = Words.Value[index];
        }

        return string.Join(' ', words);
    }

    private static bool TryMnemonicToEntropy(string? mnemonic, out byte[] entropy, out string error)
    {
        entropy = [];
        if (string.IsNullOrWhiteSpace(mnemonic))
        {
            error = "the mnemonic is empty";
            return false;
        }

        var words = Nfkd(mnemonic, nameof(mnemonic)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 12 or > 24 || words.Length % 3 != 0)
        {
            error = $"a mnemonic has 12, 15, 18, 21 or 24 words, got {words.Length}";
            return false;
        }

        // 11 bits per word: entropy bits followed by checksum bits (one per 32 bits of entropy).
        var totalBits = words.Length * 11;
        var checksumBits = totalBits / 33;
        var bits = new byte[(totalBits + 7) / 8];
        for (var w = 0; w < words.Length; w++)
        {
            if (!WordIndex.Value.TryGetValue(words[w], out var index))
            {
                error = $"word {w + 1} '{words[w]}' is not in the BIP-39 English wordlist";
                return false;
            }

            for (var b = 0; b < 11; b++)
            {
                if (((index >> (10 - b)) & 1) != 0)
                {
                    var bit = w * 11 + b;
                    bits[bit / 8] |= (byte)(0x80 >> (bit % 8));
                }
            }
        }

        var result = bits.AsSpan(0, (totalBits - checksumBits) / 8).ToArray();
        var expected = SHA256.HashData(result)[0] >> (8 - checksumBits);
        var actual = 0;
        for (var b = 0; b < checksumBits; b++)
        {
            var bit = result.Length * 8 + b;
            actual = (actual << 1) | ((bits[bit / 8] >> (7 - (bit % 8))) & 1);
        }

        if (actual != expected)
        {
            error = "the mnemonic's checksum does not match (a word is wrong or the words are out of order)";
            return false;
        }

        entropy = result;
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// NFKD as BIP-39 requires. With InvariantGlobalization (this build's setting) .NET has no Unicode tables and
    /// Normalize leaves non-ASCII text unchanged, which would silently give a different seed than every other
    /// wallet; so non-ASCII input is refused there instead. ASCII is already in NFKD.
    /// </summary>
    private static string Nfkd(string text, string parameter)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            return text;
        }

        if (!NormalizationAvailable.Value)
        {
            throw new NotSupportedException(
                $"the {parameter} contains non-ASCII characters, which need Unicode NFKD normalisation; it is unavailable in globalization-invariant mode");
        }

        return text.Normalize(NormalizationForm.FormKD);
    }

    private static string[] LoadWordlist()
    {
        using var stream = typeof(Bip39).Assembly.GetManifestResourceStream(WordlistResource)
            ?? throw new InvalidOperationException($"embedded resource {WordlistResource} is missing from {typeof(Bip39).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length != 2048)
        {
            throw new InvalidOperationException($"the BIP-39 wordlist has {words.Length} words, expected 2048");
        }

        return words;
    }
}
