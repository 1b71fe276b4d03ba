using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

public class TransactionRoundTripTests
{
    private static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");

    [Theory]
    [InlineData(TxType.Legacy)]
    [InlineData(TxType.AccessList)]
    [InlineData(TxType.DynamicFee)]
    public void Signed_transactions_decode_to_the_fields_that_were_signed(TxType type)
    {
        var unsigned = new UnsignedTransaction
        {
            Type = type,
            ChainId = 4242,
            Nonce = 17,
            GasPrice = 5,
            MaxPriorityFeePerGas = type == TxType.DynamicFee ? 1UL : 5UL,
            MaxFeePerGas = 5,
            GasLimit = 90_000,
            To = Token,
            Data = [0xa9, 0x05, 0x9c, 0xbb],
            AccessList = type == TxType.Legacy ? [] : [new AccessListEntry(Token, [Hash32.Zero])],
        };
        var signed = TransactionSigner.Sign(unsigned, TestKeys.Key(0), Ecdsa.Default);

        Assert.Equal(type, signed.Type);
        Assert.Equal(4242UL, signed.ChainId);
        Assert.Equal(17UL, signed.Nonce);
        Assert.Equal(90_000UL, signed.GasLimit);
        Assert.Equal(Token, signed.To);
        Assert.Equal(unsigned.Data, signed.Data);
        Assert.Equal(unsigned.MaxFeePerGas, signed.MaxFeePerGas);
        Assert.Equal(unsigned.MaxPriorityFeePerGas, signed.MaxPriorityFeePerGas);
        Assert.Equal(unsigned.AccessList.Count, signed.AccessList.Count);
        Assert.Equal(TransactionEncoder.SigningHash(unsigned), signed.SigningHash);
        Assert.Equal(Keccak256.Hash(signed.Raw), signed.Hash);
        Assert.True(signed.HasSender);
        Assert.Equal(TestKeys.Address(0), signed.Sender);
        if (type == TxType.Legacy)
        {
            Assert.True(signed.Raw[0] >= 0xc0, "a legacy transaction is a bare RLP list");
        }
        else
        {
            Assert.Equal((byte)type, signed.Raw[0]);
        }
    }

    [Fact]
    public void Legacy_v_carries_the_chain_id_as_eip155_says()
    {
        var signed = TransactionSigner.Sign(
            new UnsignedTransaction { Type = TxType.Legacy, ChainId = 4242, GasLimit = 21000, To = Token }, TestKeys.Key(2), Ecdsa.Default);
        Assert.True(signed.V is 4242 * 2 + 35 or 4242 * 2 + 36);
        Assert.Equal((int)(signed.V - (4242 * 2) - 35), signed.RecoveryId);
    }

    [Fact]
    public void Decoding_a_fresh_copy_does_not_carry_a_sender_until_recovered()
    {
        var signed = TransactionSigner.Sign(new UnsignedTransaction { ChainId = 1, To = Token }, TestKeys.Key(3), Ecdsa.Default);
        var decoded = TransactionDecoder.Decode(signed.Raw);
        Assert.False(decoded.HasSender);
        Assert.True(TransactionSigner.TryRecoverSender(decoded, Ecdsa.Default, out var error));
        Assert.Null(error);
        Assert.Equal(TestKeys.Address(3), decoded.Sender);
    }

    [Fact]
    public void Contract_creation_decodes_with_a_null_recipient()
    {
        var signed = TransactionSigner.Sign(new UnsignedTransaction { ChainId = 1, To = null, Data = [0x60, 0x00] }, TestKeys.Key(0), Ecdsa.Default);
        Assert.Null(TransactionDecoder.Decode(signed.Raw).To);
    }

    [Fact]
    public void Legacy_transactions_cannot_carry_an_access_list()
    {
        var tx = new UnsignedTransaction { Type = TxType.Legacy, ChainId = 1, AccessList = [new AccessListEntry(Token, [])] };
        Assert.Throws<ArgumentException>(() => TransactionEncoder.EncodeForSigning(tx));
    }
}
