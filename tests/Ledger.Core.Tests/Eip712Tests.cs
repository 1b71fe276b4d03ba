using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

/// <summary>EIP-712 hashing, signing and recovery against the specification's "Mail" example.</summary>
public class Eip712Tests
{
    private static readonly Address Cow = Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");

    private static readonly Eip712Domain MailDomain = new("Ether Mail", "1", 1, Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));

    private static readonly Eip712Types MailTypes = new(new Dictionary<string, IReadOnlyList<Eip712Field>>
    {
        ["Person"] = [new("name", "string"), new("wallet", "address")],
        ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
    });

    private static readonly Dictionary<string, object?> Mail = new()
    {
        ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = Cow },
        ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = Address.Parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
        ["contents"] = "Hello, Bob!",
    };

    private static byte[] CowKey => Keccak256.HashToArray("cow"u8);

    private static Hash32 MailDigest => Eip712.Digest(MailDomain.Separator(), MailTypes.HashStruct("Mail", Mail));

    [Fact]
    public void Mail_example_encodes_its_type_with_the_referenced_struct_after_the_primary_one()
    {
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", MailTypes.EncodeType("Mail"));
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", MailTypes.TypeHash("Mail").ToString());
    }

    [Fact]
    public void Mail_example_domain_separator_struct_hash_and_digest_match_the_specification()
    {
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", MailDomain.Separator().ToString());
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", MailTypes.HashStruct("Mail", Mail).ToString());
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", MailDigest.ToString());
    }

    [Fact]
    public void Signing_the_mail_with_cows_key_gives_the_specification_signature_and_recovers_cow()
    {
        var signature = Eip712.Sign(MailDigest, CowKey);

        Assert.Equal(
            "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
            Hex.Encode(signature));
        Assert.True(Eip712.TryRecover(MailDigest, signature, out var signer, out var error), error);
        Assert.Equal(Cow, signer);
    }

    [Theory]
    [InlineData(27)]
    [InlineData(0)]
    public void Recovery_accepts_v_as_27_28_or_0_1(int vBase)
    {
        var signature = Eip712.Sign(MailDigest, CowKey);
        signature[64] = (byte)(signature[64] - 27 + vBase);

        Assert.True(Eip712.TryRecover(MailDigest, signature, out var signer, out _));
        Assert.Equal(Cow, signer);
    }

    [Fact]
    public void A_changed_message_recovers_someone_else()
    {
        var signature = Eip712.Sign(MailDigest, CowKey);
        var tampered = new Dictionary<string, object?>(Mail) { ["contents"] = "Hello, Bob!!" };
        var otherDigest = Eip712.Digest(MailDomain.Separator(), MailTypes.HashStruct("Mail", tampered));

        Assert.True(Eip712.TryRecover(otherDigest, signature, out var signer, out _));
        Assert.NotEqual(Cow, signer);
    }

    [Theory]
    [InlineData(0, "65 bytes")]
    [InlineData(64, "65 bytes")]
    [InlineData(66, "65 bytes")]
    public void A_signature_of_the_wrong_length_is_refused_with_the_reason(int length, string expected)
    {
        Assert.False(Eip712.TryRecover(MailDigest, new byte[length], out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_high_s_twin_of_a_valid_signature_is_refused()
    {
        var signature = Eip712.Sign(MailDigest, CowKey);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var n = new System.Numerics.BigInteger(SignatureRules.Order, isUnsigned: true, isBigEndian: true);
        var highS = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        highS.CopyTo(signature.AsSpan(64 - highS.Length, highS.Length));
        signature[64] = (byte)(signature[64] == 27 ? 28 : 27);

        Assert.False(Eip712.TryRecover(MailDigest, signature, out _, out var error));
        Assert.Contains("upper half", error);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    public void A_v_other_than_27_28_0_1_is_refused(byte v)
    {
        var signature = Eip712.Sign(MailDigest, CowKey);
        signature[64] = v;

        Assert.False(Eip712.TryRecover(MailDigest, signature, out _, out var error));
        Assert.Contains($"got {v}", error);
    }

    [Fact]
    public void An_unsupported_field_value_is_an_error_naming_the_field()
    {
        var bad = new Dictionary<string, object?>(Mail) { ["contents"] = 42 };

        var error = Assert.Throws<ArgumentException>(() => MailTypes.HashStruct("Mail", bad));
        Assert.Contains("Mail.contents", error.Message);
    }
}
