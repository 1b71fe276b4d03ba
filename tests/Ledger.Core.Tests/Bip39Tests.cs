using System.Security.Cryptography;
using Ledger.Core.Crypto;

namespace Ledger.Core.Tests;

public class Bip39Tests
{
    // Trezor's reference vectors (github.com/trezor/python-mnemonic, vectors.json), passphrase "TREZOR".
    [Theory]
    [InlineData(
        "00000000000000000000000000000000",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04")]
    [InlineData(
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
        "legal winner thank year wave sausage worth useful legal winner thank yellow",
        "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607")]
    [InlineData(
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote",
        "dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad")]
    public void Trezor_vectors_give_the_published_seed_and_round_trip_the_entropy(string entropyHex, string mnemonic, string seedHex)
    {
        Assert.Equal(seedHex, Convert.ToHexStringLower(Bip39.MnemonicToSeed(mnemonic, "TREZOR")));
        Assert.True(Bip39.IsValidMnemonic(mnemonic));
        Assert.Equal(entropyHex, Convert.ToHexStringLower(Bip39.MnemonicToEntropy(mnemonic)));
        Assert.Equal(mnemonic, Bip39.EntropyToMnemonic(Convert.FromHexString(entropyHex)));
    }

    [Fact]
    public void The_embedded_wordlist_is_the_official_english_list()
    {
        var words = Bip39.EnglishWordlist;
        Assert.Equal(2048, words.Count);
        Assert.Equal("abandon", words[0]);
        Assert.Equal("zoo", words[2047]);
        var text = string.Join('\n', words) + "\n";
        // SHA-256 of english.txt in the bitcoin/bips repository.
        Assert.Equal(
            "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda",
            Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void The_dev_mnemonic_has_a_valid_checksum() => Assert.True(Bip39.IsValidMnemonic(DevKeys.Mnemonic));

    [Theory]
    [InlineData("test test test test test test test test test test test test", "checksum")]
    [InlineData("test test test test test test test test test test test tezt", "word 12 'tezt'")]
    [InlineData("test test test", "12, 15, 18, 21 or 24 words, got 3")]
    [InlineData("   ", "empty")]
    public void Invalid_mnemonics_are_rejected_with_the_reason(string mnemonic, string reason)
    {
        Assert.False(Bip39.IsValidMnemonic(mnemonic));
        var error = Assert.Throws<FormatException>(() => Bip39.MnemonicToEntropy(mnemonic));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void The_passphrase_changes_the_seed()
    {
        var plain = Bip39.MnemonicToSeed(DevKeys.Mnemonic);
        var withPassphrase = Bip39.MnemonicToSeed(DevKeys.Mnemonic, "secret");
        Assert.Equal(64, plain.Length);
        Assert.NotEqual(plain, withPassphrase);
    }

    [Fact]
    public void Non_ascii_input_is_normalised_or_refused_but_never_silently_left_unnormalised()
    {
        // This build runs with InvariantGlobalization, where .NET cannot normalise; a wrong seed would be worse than an error.
        var normalisationWorks = "\u00e9".Normalize(System.Text.NormalizationForm.FormKD) == "e\u0301";
        if (normalisationWorks)
        {
            Assert.Equal(Bip39.MnemonicToSeed(DevKeys.Mnemonic, "caf\u00e9 \u2460"), Bip39.MnemonicToSeed(DevKeys.Mnemonic, "cafe\u0301 1"));
        }
        else
        {
            var error = Assert.Throws<NotSupportedException>(() => Bip39.MnemonicToSeed(DevKeys.Mnemonic, "caf\u00e9"));
            Assert.Contains("passphrase", error.Message);
        }
    }
}
