using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

/// <summary>
/// Native libsecp256k1 and the managed port must agree bit for bit: a disagreement would let two nodes accept
/// different transactions. NBitcoin.Secp256k1 is the oracle.
/// </summary>
public class EcdsaDifferentialTests
{
    private const int TransactionCount = 5100;
    private const int GarbageCount = 6000;

    [Fact]
    public void Native_and_managed_recover_the_same_sender_for_thousands_of_random_transactions()
    {
        var native = EcdsaTests.Get("native");
        var managed = Ecdsa.Managed;
        var random = new Random(20240601);
        var types = new[] { TxType.Legacy, TxType.AccessList, TxType.DynamicFee };
        var seenTypes = new int[3];
        for (var i = 0; i < TransactionCount; i++)
        {
            var key = TestKeys.RandomKey(random);
            var type = types[i % 3];
            // Mostly signed natively (fast); every tenth by the managed signer so both signing paths feed recovery.
            var signer = i % 10 == 0 ? managed : native;
            var signed = TransactionSigner.Sign(RandomTransactions.Random(random, type), key, signer);
            var expected = signer.AddressOf(key);
            Assert.Equal(expected, signed.Sender);

            var decodedForNative = TransactionDecoder.Decode(signed.Raw);
            var decodedForManaged = TransactionDecoder.Decode(signed.Raw);
            Assert.True(TransactionSigner.TryRecoverSender(decodedForNative, native), $"native failed on tx {i}");
            Assert.True(TransactionSigner.TryRecoverSender(decodedForManaged, managed), $"managed failed on tx {i}");
            Assert.Equal(expected, decodedForNative.Sender);
            Assert.Equal(expected, decodedForManaged.Sender);
            seenTypes[(int)type]++;
        }

        Assert.All(seenTypes, count => Assert.Equal(TransactionCount / 3, count));
    }

    [Fact]
    public void Native_and_managed_agree_on_accepting_or_rejecting_garbage_signatures()
    {
        var native = EcdsaTests.Get("native");
        var managed = Ecdsa.Managed;
        var random = new Random(99);
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < GarbageCount; i++)
        {
            var hash = new byte[32];
            random.NextBytes(hash);
            var r = RandomScalar(random);
            var s = RandomScalar(random);
            var recoveryId = random.Next(10) == 0 ? random.Next(-1, 5) : random.Next(2);
            var okNative = native.TryRecoverAddress(hash, r, s, recoveryId, out var fromNative);
            var okManaged = managed.TryRecoverAddress(hash, r, s, recoveryId, out var fromManaged);
            Assert.Equal(okManaged, okNative);
            Assert.Equal(fromManaged, fromNative);
            if (okNative)
            {
                accepted++;
            }
            else
            {
                rejected++;
                Assert.Equal(Address.Zero, fromNative);
            }
        }

        // Roughly half of random (r, low s) pairs name a curve point; the rest and every rule breach must fail.
        Assert.InRange(accepted, GarbageCount / 10, GarbageCount);
        Assert.InRange(rejected, GarbageCount / 10, GarbageCount);
    }

    [Fact]
    public void Concurrent_native_recovery_gives_the_same_answers_as_sequential()
    {
        var native = EcdsaTests.Get("native");
        var random = new Random(4);
        var txs = Enumerable.Range(0, 400)
            .Select(i => TransactionSigner.Sign(RandomTransactions.Random(random, TxType.DynamicFee), TestKeys.Key(i % 4), native))
            .ToArray();
        var recovered = new Address[txs.Length];
        Parallel.For(0, txs.Length, i =>
        {
            var tx = TransactionDecoder.Decode(txs[i].Raw);
            recovered[i] = TransactionSigner.TryRecoverSender(tx, native) ? tx.Sender : Address.Zero;
        });
        for (var i = 0; i < txs.Length; i++)
        {
            Assert.Equal(TestKeys.Address(i % 4), recovered[i]);
        }
    }

    /// <summary>Mostly uniform 32-byte values with edge cases mixed in: zero, n, n-1, n/2, n/2+1, short values.</summary>
    private static byte[] RandomScalar(Random random)
    {
        switch (random.Next(16))
        {
            case 0:
                return new byte[32];
            case 1:
                return SignatureRules.Order.ToArray();
            case 2:
                return EcdsaTests.Subtract(SignatureRules.Order.ToArray(), UInt256.One.ToBigEndian());
            case 3:
                return SignatureRules.HalfOrder.ToArray();
            case 4:
                return (UInt256.FromBigEndian(SignatureRules.HalfOrder) + UInt256.One).ToBigEndian();
            case 5:
                var small = new byte[random.Next(1, 8)];
                random.NextBytes(small);
                return small;
            default:
                var value = new byte[32];
                random.NextBytes(value);
                if (random.Next(2) == 0)
                {
                    value[0] &= 0x7f;
                }

                return value;
        }
    }
}
