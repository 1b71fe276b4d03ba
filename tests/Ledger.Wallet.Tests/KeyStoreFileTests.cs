using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Keys;
using Nethereum.KeyStore;

namespace Ledger.Wallet.Tests;

public sealed class KeyStoreFileTests
{
    private const string VectorPassword = "testpassword";
    private const string VectorKey = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

    [Theory]
    [InlineData("web3-secret-storage-pbkdf2.json")]
    [InlineData("web3-secret-storage-scrypt.json")]
    public void Official_test_vector_decrypts_to_its_private_key(string file)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));

        var key = KeyStoreFile.Decrypt(json, VectorPassword, "vector");

        Assert.Equal(VectorKey, Hex.Encode(key));
    }

    [Fact]
    public void Official_test_vector_with_a_wrong_password_is_a_key_error_that_names_no_secret()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "web3-secret-storage-pbkdf2.json"));

        var error = Assert.Throws<WalletException>(() => KeyStoreFile.Decrypt(json, "not-the-password", "vector"));

        Assert.Equal(ExitCodes.KeyError, error.ExitCode);
        Assert.Equal("wrong password for account 'vector'", error.Message);
    }

    [Fact]
    public void Keystore_written_by_Nethereum_is_read_by_the_wallet()
    {
        var key = DevKeys.PrivateKey(3);
        var json = new KeyStoreService().EncryptAndGenerateDefaultKeyStoreAsJson("pw-3", key, DevKeys.Address(3).ToString());

        Assert.Equal(key, KeyStoreFile.Decrypt(json, "pw-3", "nethereum"));
        Assert.True(KeyStoreFile.TryReadAddress(json, out var address));
        Assert.Equal(DevKeys.Address(3), address);
    }

    [Fact]
    public void Keystore_written_by_the_wallet_uses_geth_standard_scrypt_and_is_read_by_Nethereum()
    {
        var key = DevKeys.PrivateKey(1);

        var json = KeyStoreFile.Encrypt(key, "pw-1");

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("version").GetInt32());
        var crypto = root.GetProperty("crypto");
        Assert.Equal("aes-128-ctr", crypto.GetProperty("cipher").GetString());
        Assert.Equal("scrypt", crypto.GetProperty("kdf").GetString());
        Assert.Equal(262144, crypto.GetProperty("kdfparams").GetProperty("n").GetInt32());
        Assert.Equal(8, crypto.GetProperty("kdfparams").GetProperty("r").GetInt32());
        Assert.Equal(1, crypto.GetProperty("kdfparams").GetProperty("p").GetInt32());
        // geth writes the address as 40 lowercase hex digits without 0x.
        Assert.Equal(DevKeys.Address(1).ToString()[2..], root.GetProperty("address").GetString());
        Assert.Equal(key, new KeyStoreService().DecryptKeyStoreFromJson("pw-1", json));
    }

    [Fact]
    public void Light_keystore_round_trips_and_refuses_a_wrong_password()
    {
        var key = DevKeys.PrivateKey(2);

        var json = KeyStoreFile.Encrypt(key, "right", light: true);

        Assert.Equal(key, KeyStoreFile.Decrypt(json, "right", "light"));
        Assert.Equal(ExitCodes.KeyError, Assert.Throws<WalletException>(() => KeyStoreFile.Decrypt(json, "wrong", "light")).ExitCode);
    }

    [Fact]
    public void Keystore_whose_address_field_names_another_key_is_refused()
    {
        var json = KeyStoreFile.Encrypt(DevKeys.PrivateKey(4), "pw", light: true)
            .Replace(DevKeys.Address(4).ToString()[2..], DevKeys.Address(5).ToString()[2..], StringComparison.Ordinal);

        var error = Assert.Throws<WalletException>(() => KeyStoreFile.Decrypt(json, "pw", "swapped"));

        Assert.Contains("another address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_keystore_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<WalletException>(() => KeyStoreFile.RequireKeyStore("{\"version\": 1}", "old.json"));

        Assert.Equal(ExitCodes.KeyError, error.ExitCode);
        Assert.Contains("not a keystore v3 file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vector_without_an_address_gets_one_added_for_the_wallet_listing()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "web3-secret-storage-scrypt.json"));
        var address = Ecdsa.Default.AddressOf(Hex.Decode(VectorKey));

        var completed = KeyStoreFile.WithAddress(json, address);

        Assert.True(KeyStoreFile.TryReadAddress(completed, out var read));
        Assert.Equal(address, read);
        Assert.Equal(VectorKey, Hex.Encode(KeyStoreFile.Decrypt(completed, VectorPassword, "vector")));
    }
}
