using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Custody.Pkcs11;

namespace Ledger.Custody.Tests.Pkcs11;

[Collection(SoftHsmCollection.Name)]
public sealed class Pkcs11SignerTests(SoftHsmFixture hsm)
{
    [Fact]
    public void A_key_generated_in_the_token_signs_digests_that_recover_to_its_address_with_low_s()
    {
        var label = "validator-" + Guid.NewGuid().ToString("N")[..8];
        Address generated;
        using (var token = Pkcs11Token.Open(hsm.Settings(label)))
        {
            generated = Pkcs11KeyGenerator.Generate(token, label);
        }

        using var signer = Pkcs11Signer.Open(hsm.Settings(label));

        Assert.Equal(generated, signer.Address);
        // The token picks a random nonce, so about half of its raw signatures have a high s: 64 digests exercise the
        // normalisation and both recovery ids; a signature left high or with a wrong id would not recover below.
        for (var i = 0; i < 64; i++)
        {
            var digest = Keccak256.Hash(BitConverter.GetBytes(i));
            var signature = signer.Sign(digest);
            Assert.Equal(65, signature.Length);
            Assert.True(signature.AsSpan(32, 32).SequenceCompareTo(SignatureRules.HalfOrder) <= 0, "s must be in the lower half");
            Assert.InRange(signature[64], 0, 1);
            Assert.True(Ecdsa.Default.TryRecoverAddress(digest.ToArray(), signature.AsSpan(0, 32), signature.AsSpan(32, 32), signature[64], out var recovered));
            Assert.Equal(signer.Address, recovered);
        }
    }

    [Fact]
    public async Task Concurrent_signatures_from_many_threads_all_verify()
    {
        var label = GenerateKey();
        using var signer = Pkcs11Signer.Open(hsm.Settings(label), maxSessions: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var ok = 0;
            for (var i = 0; i < 25; i++)
            {
                var digest = Keccak256.Hash(BitConverter.GetBytes((t * 1000) + i));
                var signature = signer.Sign(digest);
                if (Ecdsa.Default.TryRecoverAddress(digest.ToArray(), signature.AsSpan(0, 32), signature.AsSpan(32, 32), signature[64], out var who) && who == signer.Address)
                {
                    ok++;
                }
            }

            return ok;
        })));

        Assert.All(results, ok => Assert.Equal(25, ok));
    }

    [Fact]
    public void A_wrong_pin_is_refused_with_a_clear_error_that_does_not_contain_it()
    {
        var label = GenerateKey();
        var wrongPin = "9" + hsm.Token.UserPin; // never equal to the real one
        var pinFile = hsm.Token.WritePinFile("wrong.pin", wrongPin);

        var error = Assert.Throws<KeyCustodyException>(() => Pkcs11Signer.Open(hsm.Settings(label, pinFile)));

        Assert.Contains("refused the PIN", error.Message);
        Assert.Contains("CKR_PIN_INCORRECT", error.Message);
        Assert.DoesNotContain(wrongPin, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(hsm.Token.UserPin, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_or_key_label_is_named_in_the_error()
    {
        var noToken = Assert.Throws<KeyCustodyException>(() => Pkcs11Signer.Open(hsm.Settings("any", tokenLabel: "no-such-token")));
        var noKey = Assert.Throws<KeyCustodyException>(() => Pkcs11Signer.Open(hsm.Settings("no-such-key")));

        Assert.Contains("no token labelled 'no-such-token'", noToken.Message);
        Assert.Contains(hsm.Token.Label, noToken.Message); // lists the tokens there are
        Assert.Contains("no EC private key labelled 'no-such-key'", noKey.Message);
    }

    [Fact]
    public void A_missing_module_is_a_clear_error()
    {
        var settings = hsm.Settings("any") with { ModulePath = "/nonexistent/libpkcs11.so" };

        var error = Assert.Throws<KeyCustodyException>(() => Pkcs11Signer.Open(settings));

        Assert.Contains("'/nonexistent/libpkcs11.so' does not exist", error.Message);
    }

    [Fact]
    public void Generating_a_key_under_a_label_already_in_use_is_refused_and_keeps_the_old_key()
    {
        var label = GenerateKey();
        using var token = Pkcs11Token.Open(hsm.Settings(label));
        using var before = Pkcs11Signer.Open(token, label);

        var error = Assert.Throws<KeyCustodyException>(() => Pkcs11KeyGenerator.Generate(token, label));

        Assert.Contains("already has 2 object(s) labelled", error.Message);
        using var after = Pkcs11Signer.Open(token, label);
        Assert.Equal(before.Address, after.Address);
    }

    [Fact]
    public void A_disposed_signer_refuses_to_sign()
    {
        var signer = Pkcs11Signer.Open(hsm.Settings(GenerateKey()));
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.Sign(Keccak256.Hash("x"u8)));
    }

    private string GenerateKey()
    {
        var label = "key-" + Guid.NewGuid().ToString("N")[..8];
        using var token = Pkcs11Token.Open(hsm.Settings(label));
        Pkcs11KeyGenerator.Generate(token, label);
        return label;
    }
}
