using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

public class TransactionDecoderBadInputTests
{
    private static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");

    private static byte[] Legacy(ulong chainId = 4242) => TransactionSigner.Sign(
        new UnsignedTransaction { Type = TxType.Legacy, ChainId = chainId, Nonce = 1, GasLimit = 50_000, To = Token, Data = [1, 2, 3] },
        TestKeys.Key(0), Ecdsa.Default).Raw;

    private static byte[] Typed(TxType type) => TransactionSigner.Sign(
        new UnsignedTransaction { Type = type, ChainId = 4242, Nonce = 1, GasLimit = 50_000, To = Token, MaxFeePerGas = 7 },
        TestKeys.Key(0), Ecdsa.Default).Raw;

    private static string Reject(byte[] raw) =>
        Assert.Throws<TransactionFormatException>(() => TransactionDecoder.Decode(raw)).Message;

    [Fact]
    public void Empty_input_is_rejected() => Assert.StartsWith("empty transaction", Reject([]));

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x03)]
    [InlineData(0x04)]
    [InlineData(0x7f)]
    public void Unknown_type_bytes_are_rejected(byte type)
    {
        var raw = Typed(TxType.DynamicFee);
        raw[0] = type;
        Assert.Contains($"unsupported transaction type 0x{type:x2}", Reject(raw));
    }

    [Fact]
    public void An_rlp_string_is_neither_legacy_nor_typed() =>
        Assert.Contains("an RLP string", Reject([0x83, 1, 2, 3]));

    [Fact]
    public void A_type_byte_alone_or_followed_by_a_string_is_rejected()
    {
        Assert.Contains("no RLP payload", Reject([0x02]));
        Assert.Contains("must be an RLP list", Reject([0x02, 0x83, 1, 2, 3]));
    }

    [Theory]
    [InlineData(TxType.Legacy)]
    [InlineData(TxType.AccessList)]
    [InlineData(TxType.DynamicFee)]
    public void Truncated_transactions_are_rejected_at_every_length(TxType type)
    {
        var raw = type == TxType.Legacy ? Legacy() : Typed(type);
        for (var length = 1; length < raw.Length; length++)
        {
            var ex = Assert.Throws<TransactionFormatException>(() => TransactionDecoder.Decode(raw.AsSpan(0, length)));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    [Theory]
    [InlineData(TxType.Legacy, "legacy")]
    [InlineData(TxType.AccessList, "EIP-2930")]
    [InlineData(TxType.DynamicFee, "EIP-1559")]
    public void Trailing_bytes_are_rejected(TxType type, string kind)
    {
        var raw = type == TxType.Legacy ? Legacy() : Typed(type);
        Assert.Equal($"2 trailing bytes after the {kind} transaction", Reject([.. raw, 0x80, 0x80]));
    }

    [Theory]
    [InlineData(TxType.Legacy, 9)]
    [InlineData(TxType.AccessList, 11)]
    [InlineData(TxType.DynamicFee, 12)]
    public void A_missing_or_extra_field_is_rejected(TxType type, int expected)
    {
        var (typeByte, fields) = RawTransactions.Split(type == TxType.Legacy ? Legacy() : Typed(type));
        Assert.Contains($"has {expected} fields, got {expected - 1}", Reject(RawTransactions.Join(typeByte, fields.Take(expected - 1))));
        Assert.Contains($"has {expected} fields, got {expected + 1}", Reject(RawTransactions.Join(typeByte, [.. fields, [0x80]])));
    }

    [Fact]
    public void Malformed_rlp_inside_a_field_names_the_field()
    {
        var raw = Legacy();
        Assert.Contains("field 'gasLimit'", Reject(RawTransactions.WithField(raw, 2, [0x82, 0x00, 0x01])));
        Assert.Contains("leading zero", Reject(RawTransactions.WithField(raw, 2, [0x82, 0x00, 0x01])));
        Assert.Contains("field 'to'", Reject(RawTransactions.WithField(raw, 3, RawTransactions.Bytes(new byte[19]))));
        Assert.Contains("non-canonical single byte", Reject(RawTransactions.WithField(raw, 0, [0x81, 0x05])));
    }

    [Fact]
    public void Oversized_fields_are_rejected()
    {
        var raw = Typed(TxType.DynamicFee);
        var nineBytes = RawTransactions.Bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]);
        var message = Reject(RawTransactions.WithField(raw, 1, nineBytes));
        Assert.Contains("field 'nonce'", message);
        Assert.Contains("longer than 8 bytes", message);
        Assert.Contains("field 'maxFeePerGas'", Reject(RawTransactions.WithField(raw, 3, RawTransactions.Bytes(Enumerable.Repeat((byte)1, 33).ToArray()))));
        Assert.Contains("field 'r'", Reject(RawTransactions.WithField(raw, 10, RawTransactions.Bytes(Enumerable.Repeat((byte)1, 33).ToArray()))));
        Assert.Contains("field 'chainId'", Reject(RawTransactions.WithField(raw, 0, nineBytes)));
    }

    [Fact]
    public void A_transaction_larger_than_the_limit_is_rejected_before_parsing()
    {
        var huge = new byte[TransactionDecoder.MaxEncodedLength + 1];
        huge[0] = 0x02;
        Assert.Contains($"at most {TransactionDecoder.MaxEncodedLength}", Reject(huge));
    }

    [Fact]
    public void Pre_eip155_legacy_signatures_are_refused()
    {
        var raw = Legacy();
        foreach (var v in new ulong[] { 27, 28 })
        {
            Assert.Equal("transaction is not replay-protected (EIP-155 chain id required)", Reject(RawTransactions.WithField(raw, 6, RawTransactions.Scalar(v))));
        }
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(29UL)]
    [InlineData(34UL)]
    public void Legacy_v_values_that_are_neither_eip155_nor_pre155_are_rejected(ulong v) =>
        Assert.Contains($"invalid legacy v {v}", Reject(RawTransactions.WithField(Legacy(), 6, RawTransactions.Scalar(v))));

    [Fact]
    public void Legacy_v_for_another_chain_decodes_with_that_chain_id_for_the_pool_to_refuse()
    {
        // The decoder is chain-agnostic on purpose: the chain-id check lives in the pool's admission rules,
        // which answer with "wrong chain id". Here we only show the chain id is read faithfully from v.
        var tx = TransactionDecoder.Decode(Legacy(chainId: 1));
        Assert.Equal(1UL, tx.ChainId);
        Assert.True(TransactionSigner.TryRecoverSender(tx, Ecdsa.Default));
        Assert.Equal(TestKeys.Address(0), tx.Sender);
    }

    [Theory]
    [InlineData(TxType.AccessList, 8)]
    [InlineData(TxType.DynamicFee, 9)]
    public void Y_parity_other_than_0_or_1_is_rejected(TxType type, int parityIndex)
    {
        var raw = RawTransactions.WithField(Typed(type), parityIndex, RawTransactions.Scalar(2));
        Assert.Contains("y-parity must be 0 or 1, got 2", Reject(raw));
    }

    [Fact]
    public void Malformed_access_lists_are_rejected()
    {
        var raw = Typed(TxType.DynamicFee);
        var badEntry = new Ledger.Core.Encoding.RlpWriter().StartList().StartList()
            .WriteAddress(Token).StartList().EndList().WriteUInt64(1).EndList().EndList().ToArray();
        Assert.Contains("access list entry", Reject(RawTransactions.WithField(raw, 8, badEntry)));
        var shortKey = new Ledger.Core.Encoding.RlpWriter().StartList().StartList()
            .WriteAddress(Token).StartList().WriteBytes(new byte[31]).EndList().EndList().EndList().ToArray();
        Assert.Contains("32-byte hash", Reject(RawTransactions.WithField(raw, 8, shortKey)));
        Assert.Contains("field 'accessList'", Reject(RawTransactions.WithField(raw, 8, RawTransactions.Scalar(1))));
    }

    [Fact]
    public void High_s_signatures_decode_but_recovery_refuses_them()
    {
        var raw = Typed(TxType.DynamicFee);
        var good = TransactionDecoder.Decode(raw);
        var highS = EcdsaTests.Subtract(SignatureRules.Order.ToArray(), good.S.ToBigEndian());
        var tampered = RawTransactions.WithField(raw, 11, RawTransactions.Bytes(UInt256.FromBigEndian(highS).ToBigEndianTrimmed()));
        tampered = RawTransactions.WithField(tampered, 9, RawTransactions.Scalar(1 - good.V));
        var tx = TransactionDecoder.Decode(tampered);
        Assert.False(TransactionSigner.TryRecoverSender(tx, Ecdsa.Default, out var error));
        Assert.Contains("upper half", error);
        Assert.False(TransactionSigner.TryRecoverSender(tx, Ecdsa.Managed));
        Assert.False(tx.HasSender);
    }

    [Fact]
    public void Zero_r_or_s_decodes_but_recovery_refuses_it()
    {
        var raw = Legacy();
        var zeroR = TransactionDecoder.Decode(RawTransactions.WithField(raw, 7, [0x80]));
        Assert.False(TransactionSigner.TryRecoverSender(zeroR, Ecdsa.Default, out var error));
        Assert.Contains("r is zero", error);
        var zeroS = TransactionDecoder.Decode(RawTransactions.WithField(raw, 8, [0x80]));
        Assert.False(TransactionSigner.TryRecoverSender(zeroS, Ecdsa.Managed, out error));
        Assert.Contains("s is zero", error);
    }

    [Fact]
    public void A_tampered_field_recovers_to_a_different_sender()
    {
        // r is a real curve point's x, so recovery succeeds, but for another key: the pool then sees a
        // sender with no such nonce or no registration, never the original signer.
        var tx = TransactionDecoder.Decode(RawTransactions.WithField(Legacy(), 0, RawTransactions.Scalar(2)));
        Assert.True(TransactionSigner.TryRecoverSender(tx, Ecdsa.Default));
        Assert.NotEqual(TestKeys.Address(0), tx.Sender);
    }
}
