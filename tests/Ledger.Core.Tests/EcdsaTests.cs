using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

public class EcdsaTests
{
    public static TheoryData<string> Implementations => new() { "native", "managed" };

    private static readonly byte[] Message = Keccak256.HashToArray("ledger"u8);

    internal static IEcdsa Get(string name) =>
        name == "native" ? Ecdsa.Native ?? throw new InvalidOperationException("native libsecp256k1 did not load") : Ecdsa.Managed;

    [Fact]
    public void Native_library_loads_here_and_is_the_default()
    {
        Assert.NotNull(Ecdsa.Native);
        Assert.Same(Ecdsa.Native, Ecdsa.Default);
        Assert.IsType<ManagedEcdsa>(Ecdsa.Managed);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Dev_keys_give_the_addresses_every_ethereum_tool_derives(string implementation)
    {
        var ecdsa = Get(implementation);
        for (var i = 0; i < TestKeys.Accounts.Length; i++)
        {
            Assert.Equal(TestKeys.Address(i), ecdsa.AddressOf(TestKeys.Key(i)));
        }
    }

    [Fact]
    public void Native_and_managed_produce_identical_rfc6979_low_s_signatures()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var key = TestKeys.RandomKey(random);
            var hash = new byte[32];
            random.NextBytes(hash);
            var a = Get("native").Sign(hash, key);
            var b = Get("managed").Sign(hash, key);
            Assert.Equal(a.ToBytes65(), b.ToBytes65());
            Assert.True(a.S.AsSpan().SequenceCompareTo(SignatureRules.HalfOrder) <= 0, "s must be in the lower half");
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_signature_recovers_to_its_signer(string implementation)
    {
        var ecdsa = Get(implementation);
        var signature = ecdsa.Sign(Message, TestKeys.Key(0));
        Assert.True(ecdsa.TryRecoverAddress(Message, signature.R, signature.S, signature.RecoveryId, out var signer));
        Assert.Equal(TestKeys.Address(0), signer);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Invalid_signatures_return_false_and_never_throw(string implementation)
    {
        var ecdsa = Get(implementation);
        var good = ecdsa.Sign(Message, TestKeys.Key(0));
        var zero = new byte[32];
        var order = SignatureRules.Order.ToArray();
        var highS = Subtract(order, good.S);

        Assert.False(ecdsa.TryRecoverAddress(Message, zero, good.S, good.RecoveryId, out _), "r = 0");
        Assert.False(ecdsa.TryRecoverAddress(Message, good.R, zero, good.RecoveryId, out _), "s = 0");
        Assert.False(ecdsa.TryRecoverAddress(Message, order, good.S, good.RecoveryId, out _), "r = n");
        Assert.False(ecdsa.TryRecoverAddress(Message, good.R, order, good.RecoveryId, out _), "s = n");
        Assert.False(ecdsa.TryRecoverAddress(Message, good.R, highS, 1 - good.RecoveryId, out _), "high s (the EIP-2 twin)");
        Assert.False(ecdsa.TryRecoverAddress(Message, good.R, good.S, 2, out _), "recovery id 2");
        Assert.False(ecdsa.TryRecoverAddress(Message, good.R, good.S, -1, out _), "recovery id -1");
        Assert.False(ecdsa.TryRecoverAddress(Message, good.R, good.S, 27, out _), "recovery id 27");
        Assert.False(ecdsa.TryRecoverAddress(Message.AsSpan(1), good.R, good.S, good.RecoveryId, out _), "31-byte hash");
        Assert.False(ecdsa.TryRecoverAddress(Message, new byte[33], good.S, good.RecoveryId, out _), "33-byte r");
    }

    [Fact]
    public void The_high_s_twin_really_is_a_valid_ecdsa_signature_that_we_refuse()
    {
        // Guards the test above: with s' = n - s and the flipped recovery id, Nethereum recovers the same key,
        // so our refusal is the EIP-2 rule, not an accident of a broken signature.
        var good = Ecdsa.Managed.Sign(Message, TestKeys.Key(0));
        var highS = Subtract(SignatureRules.Order.ToArray(), good.S);
        var twin = Nethereum.Signer.EthECDSASignatureFactory.FromComponents(good.R, highS, (byte)(28 - good.RecoveryId));
        var recovered = Nethereum.Signer.EthECKey.RecoverFromSignature(twin, Message);
        Assert.Equal(TestKeys.Address(0), Address.Parse(recovered.GetPublicAddress()));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Short_r_and_s_are_left_padded(string implementation)
    {
        // Find (deterministically) a message whose signature has r < 2^248, then pass r without its zero byte.
        var ecdsa = Get(implementation);
        for (var i = 0; i < 20_000; i++)
        {
            var hash = Keccak256.HashToArray(BitConverter.GetBytes(i));
            var signature = Ecdsa.Default.Sign(hash, TestKeys.Key(1));
            if (signature.R[0] != 0)
            {
                continue;
            }

            Assert.True(ecdsa.TryRecoverAddress(hash, signature.R.AsSpan(1), signature.S, signature.RecoveryId, out var signer));
            Assert.Equal(TestKeys.Address(1), signer);
            return;
        }

        Assert.Fail("no signature with a leading zero byte in r among 20,000 messages");
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Invalid_private_keys_are_refused_with_a_clear_error(string implementation)
    {
        var ecdsa = Get(implementation);
        Assert.Throws<ArgumentException>(() => ecdsa.AddressOf(new byte[32]));
        Assert.Throws<ArgumentException>(() => ecdsa.Sign(Message, SignatureRules.Order));
        Assert.Throws<ArgumentException>(() => ecdsa.Sign(Message, new byte[31]));
    }

    internal static byte[] Subtract(byte[] a, byte[] b)
    {
        var result = new System.Numerics.BigInteger(a, isUnsigned: true, isBigEndian: true)
            - new System.Numerics.BigInteger(b, isUnsigned: true, isBigEndian: true);
        return UInt256.FromBigInteger(result).ToBigEndian();
    }
}
