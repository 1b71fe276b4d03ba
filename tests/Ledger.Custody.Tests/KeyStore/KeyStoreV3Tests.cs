using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Custody;
using Ledger.Custody.KeyStore;

namespace Ledger.Custody.Tests.KeyStore;

public sealed class KeyStoreV3Tests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void A_key_encrypted_with_a_password_decrypts_with_it_to_the_same_key_and_names_its_address()
    {
        var key = DevKeys.PrivateKey(11);

        var json = KeyStoreV3.Encrypt(key, Password, light: true);

        Assert.Equal(key, KeyStoreV3.Decrypt(json, Password, "test keystore"));
        Assert.True(KeyStoreV3.TryReadAddress(json, out var address));
        Assert.Equal(DevKeys.Address(11), address);
        Assert.DoesNotContain(Convert.ToHexStringLower(key), json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_wrong_password_is_a_clear_error_that_does_not_repeat_the_password()
    {
        var json = KeyStoreV3.Encrypt(DevKeys.PrivateKey(11), Password, light: true);

        var error = Assert.Throws<KeyCustodyException>(() => KeyStoreV3.Decrypt(json, "hunter2-wrong", "keystore 'v.json'"));

        Assert.Equal("wrong password for keystore 'v.json'", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "is not JSON")]
    [InlineData("{\"version\": 1, \"crypto\": {}}", "is not a keystore v3 file")]
    [InlineData("[1, 2, 3]", "is not a keystore v3 file")]
    public void Text_that_is_not_a_keystore_is_refused_with_the_reason(string json, string expected)
    {
        var error = Assert.Throws<KeyCustodyException>(() => KeyStoreV3.Decrypt(json, Password, "keystore 'x'"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_keystore_whose_key_does_not_match_the_address_it_names_is_refused()
    {
        var json = KeyStoreV3.Encrypt(DevKeys.PrivateKey(11), Password, light: true);
        var other = DevKeys.Address(12).ToString()[2..];
        var lying = System.Text.RegularExpressions.Regex.Replace(json, "\"address\":\\s*\"[0-9a-fA-F]{40}\"", $"\"address\":\"{other}\"");

        var error = Assert.Throws<KeyCustodyException>(() => KeyStoreV3.Decrypt(lying, Password, "keystore 'x'"));

        Assert.Contains("another address than it names", error.Message);
    }

    [Fact]
    public void Inspect_reads_the_address_and_key_derivation_without_the_password()
    {
        var json = KeyStoreV3.Encrypt(DevKeys.PrivateKey(13), Password, light: true);

        var summary = KeyStoreV3.Inspect(json, "keystore 'x'");

        Assert.Equal(DevKeys.Address(13), summary.Address);
        Assert.Equal("scrypt", summary.Kdf);
        Assert.Contains("n=4096", summary.KdfParameters);
        Assert.Contains("p=6", summary.KdfParameters);
        Assert.Equal("aes-128-ctr", summary.Cipher);
    }

    [Fact]
    public void A_keystore_signer_decrypts_once_and_signs_as_the_keystore_address()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "validator.json");
        File.WriteAllText(path, KeyStoreV3.Encrypt(DevKeys.PrivateKey(10), Password, light: true));
        var digest = Keccak256.Hash("a block"u8);

        var signer = KeyStoreSigner.Open(path, Password);
        var signature = signer.Sign(digest);

        Assert.Equal(DevKeys.Address(10), signer.Address);
        Assert.True(Ecdsa.Default.TryRecoverAddress(digest.ToArray(), signature.AsSpan(0, 32), signature.AsSpan(32, 32), signature[64], out var recovered));
        Assert.Equal(DevKeys.Address(10), recovered);
        Assert.Contains("wrong password", Assert.Throws<KeyCustodyException>(() => KeyStoreSigner.Open(path, "nope")).Message);
    }

    [Fact]
    public void WithAddress_adds_the_address_field_only_when_it_is_missing()
    {
        var json = KeyStoreV3.Encrypt(DevKeys.PrivateKey(10), Password, light: true);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("address");

        var added = KeyStoreV3.WithAddress(node.ToJsonString(), DevKeys.Address(10));

        Assert.True(KeyStoreV3.TryReadAddress(added, out Address address));
        Assert.Equal(DevKeys.Address(10), address);
        Assert.Same(json, KeyStoreV3.WithAddress(json, DevKeys.Address(10)));
    }
}
