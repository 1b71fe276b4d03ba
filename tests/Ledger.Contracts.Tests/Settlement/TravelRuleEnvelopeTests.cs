using System.Security.Cryptography;
using Ledger.Contracts.Settlement;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>The travel-rule envelope: both banks read the details, nobody else does, and its hash is the on-ledger reference.</summary>
public class TravelRuleEnvelopeTests
{
    private static readonly byte[] Details =
        """{"originator":{"name":"Ada Payer","account":"US-0001"},"beneficiary":{"name":"Bea Empfänger","iban":"DE89370400440532013000"},"purpose":"invoice 42"}"""u8.ToArray();

    private static (Address Bank, byte[] PublicKey) Bank(int key) => (DevKeys.Address(key), TravelRuleEnvelope.PublicKeyOf(DevKeys.PrivateKey(key)));

    [Fact]
    public void Both_banks_open_the_envelope_and_read_the_same_details()
    {
        var envelope = TravelRuleEnvelope.Seal(Details, [Bank(0), Bank(1)]);

        Assert.Equal(Details, TravelRuleEnvelope.Open(envelope, DevKeys.Address(0), DevKeys.PrivateKey(0)));
        Assert.Equal(Details, TravelRuleEnvelope.Open(envelope, DevKeys.Address(1), DevKeys.PrivateKey(1)));
        Assert.Equal(Keccak256.Hash(envelope), TravelRuleEnvelope.Reference(envelope));
        Assert.DoesNotContain("Ada Payer", System.Text.Encoding.UTF8.GetString(envelope), StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_bank_cannot_open_it_even_by_claiming_an_addressee_s_entry()
    {
        var envelope = TravelRuleEnvelope.Seal(Details, [Bank(0), Bank(1)]);

        Assert.Throws<CryptographicException>(() => TravelRuleEnvelope.Open(envelope, DevKeys.Address(2), DevKeys.PrivateKey(2)));
        Assert.ThrowsAny<CryptographicException>(() => TravelRuleEnvelope.Open(envelope, DevKeys.Address(1), DevKeys.PrivateKey(2)));
    }

    [Fact]
    public void A_changed_byte_breaks_decryption_and_changes_the_reference()
    {
        var envelope = TravelRuleEnvelope.Seal(Details, [Bank(0), Bank(1)]);
        var tampered = (byte[])envelope.Clone();
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => TravelRuleEnvelope.Open(tampered, DevKeys.Address(0), DevKeys.PrivateKey(0)));
        Assert.NotEqual(TravelRuleEnvelope.Reference(envelope), TravelRuleEnvelope.Reference(tampered));
    }

    [Fact]
    public void Two_envelopes_of_the_same_details_differ_so_the_reference_reveals_nothing()
    {
        Assert.NotEqual(
            TravelRuleEnvelope.Reference(TravelRuleEnvelope.Seal(Details, [Bank(0), Bank(1)])),
            TravelRuleEnvelope.Reference(TravelRuleEnvelope.Seal(Details, [Bank(0), Bank(1)])));
    }
}
