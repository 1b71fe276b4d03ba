using System.Numerics;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Nethereum.Model;
using Nethereum.Signer;

namespace Ledger.Core.Tests;

/// <summary>Transactions signed by Nethereum 6.1.0 decode to the sender and hash Nethereum reports.</summary>
public class NethereumInteropTests
{
    private const string Token = "0x2000000000000000000000000000000000000001";
    private const string TransferData =
        "0xa9059cbb00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c80000000000000000000000000000000000000000000000000000000000003039";

    [Theory]
    [InlineData(0, 4242, 0, 0, 100_000)]
    [InlineData(1, 1, 7, 20_000_000_000, 21_000)]
    [InlineData(3, 2_147_483_647, 300, 1, 60_000)]
    public void Legacy_eip155_transactions_signed_by_nethereum_decode_to_its_sender_and_hash(
        int account, long chainId, long nonce, long gasPrice, long gasLimit)
    {
        var rawHex = new LegacyTransactionSigner().SignTransaction(
            TestKeys.Accounts[account].PrivateKey, new BigInteger(chainId), Token, BigInteger.Zero, nonce, gasPrice, gasLimit, TransferData);
        var raw = Hex.Decode(rawHex);
        var theirs = new LegacyTransactionChainId(raw);

        var ours = TransactionDecoder.Decode(raw);
        Assert.True(TransactionSigner.TryRecoverSender(ours, Ecdsa.Default));
        Assert.True(TransactionSigner.TryRecoverSender(TransactionDecoder.Decode(raw), Ecdsa.Managed));

        Assert.Equal(TestKeys.Address(account), ours.Sender);
        Assert.Equal(Address.Parse(new EthECKey(TestKeys.Accounts[account].PrivateKey).GetPublicAddress()), ours.Sender);
        Assert.Equal(new Hash32(theirs.Hash), ours.Hash);
        Assert.Equal(new Hash32(theirs.RawHash), ours.SigningHash);
        Assert.Equal((ulong)chainId, ours.ChainId);
        Assert.Equal((ulong)nonce, ours.Nonce);
        Assert.Equal(TxType.Legacy, ours.Type);
    }

    [Fact]
    public void A_legacy_transaction_built_as_LegacyTransactionChainId_round_trips_both_ways()
    {
        var tx = new LegacyTransactionChainId(Token, BigInteger.Zero, 9, 0, 90_000, TransferData, 4242);
        var rawHex = new LegacyTransactionSigner().SignTransaction(TestKeys.Key(2), tx);
        var ours = TransactionDecoder.Decode(Hex.Decode(rawHex));
        Assert.True(TransactionSigner.TryRecoverSender(ours, Ecdsa.Default));
        Assert.Equal(TestKeys.Address(2), ours.Sender);

        // And the other direction: what Ledger signs, Nethereum decodes and recovers to the same sender.
        var signed = TransactionSigner.Sign(
            new UnsignedTransaction { Type = TxType.Legacy, ChainId = 4242, Nonce = 9, GasLimit = 90_000, To = Address.Parse(Token), Data = Hex.Decode(TransferData) },
            TestKeys.Key(2), Ecdsa.Default);
        Assert.Equal(Hex.Decode(rawHex), signed.Raw);
        Assert.Equal(TestKeys.Accounts[2].Address, TransactionVerificationAndRecovery.GetSenderAddress(Hex.Encode(signed.Raw)), ignoreCase: true);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 5, 2_000_000_000, 100_000_000_000)]
    [InlineData(3, 1_000_000, 1, 1)]
    public void Eip1559_transactions_signed_by_nethereum_decode_to_its_sender_and_hash(
        int account, long nonce, long priorityFee, long maxFee)
    {
        var tx = new Transaction1559(4242, nonce, priorityFee, maxFee, 100_000, Token, 0, TransferData, null);
        var rawHex = new Transaction1559Signer().SignTransaction(TestKeys.Accounts[account].PrivateKey, tx);
        var raw = Hex.Decode(rawHex);
        var theirs = (Transaction1559)TransactionFactory.CreateTransaction(raw);

        var ours = TransactionDecoder.Decode(raw);
        Assert.True(TransactionSigner.TryRecoverSender(ours, Ecdsa.Default));
        Assert.Equal(TestKeys.Address(account), ours.Sender);
        Assert.Equal(TestKeys.Accounts[account].Address, TransactionVerificationAndRecovery.GetSenderAddress(rawHex), ignoreCase: true);
        Assert.Equal(new Hash32(theirs.Hash), ours.Hash);
        Assert.Equal(new Hash32(theirs.RawHash), ours.SigningHash);
        Assert.Equal(TxType.DynamicFee, ours.Type);
        Assert.Equal((ulong)nonce, ours.Nonce);
        Assert.Equal(new UInt256((ulong)priorityFee), ours.MaxPriorityFeePerGas);
        Assert.Equal(new UInt256((ulong)maxFee), ours.MaxFeePerGas);
    }

    [Fact]
    public void Eip1559_transactions_signed_by_ledger_are_byte_identical_to_nethereum()
    {
        var theirs = new Transaction1559(4242, 3, 1, 2, 100_000, Token, 0, TransferData, null);
        var rawHex = new Transaction1559Signer().SignTransaction(TestKeys.Accounts[1].PrivateKey, theirs);
        var ours = TransactionSigner.Sign(
            new UnsignedTransaction
            {
                Type = TxType.DynamicFee,
                ChainId = 4242,
                Nonce = 3,
                MaxPriorityFeePerGas = 1,
                MaxFeePerGas = 2,
                GasLimit = 100_000,
                To = Address.Parse(Token),
                Data = Hex.Decode(TransferData),
            },
            TestKeys.Key(1), Ecdsa.Managed);
        Assert.Equal(rawHex.StartsWith("0x", StringComparison.Ordinal) ? rawHex : "0x" + rawHex, Hex.Encode(ours.Raw));
    }
}
