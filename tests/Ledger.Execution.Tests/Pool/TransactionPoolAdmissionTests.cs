using System.Numerics;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;

namespace Ledger.Execution.Tests.Pool;

public sealed class TransactionPoolAdmissionTests
{
    private readonly PoolFixture _fixture = new();

    [Fact]
    public void A_valid_transfer_is_admitted_with_its_sender_recovered()
    {
        var result = _fixture.Admit(1, 0);

        Assert.True(result.IsAccepted, result.Message);
        Assert.False(result.Replaced);
        Assert.True(result.Transaction!.HasSender);
        Assert.Equal(PoolFixture.Account(1), result.Transaction.Sender);
        Assert.Same(result.Transaction, _fixture.Pool.Find(result.Hash));
        Assert.Equal(1, _fixture.Pool.Count);
    }

    [Fact]
    public void Oversized_transaction_is_refused_naming_its_size_and_the_limit()
    {
        var fixture = new PoolFixture(o => o with { MaxTransactionBytes = 100 });
        var raw = PoolFixture.Sign(1, PoolFixture.Transfer(0) with { Data = new byte[200] });

        var result = fixture.Pool.Admit(raw);

        Assert.Equal(AdmissionError.TooLarge, result.Error);
        Assert.Equal($"transaction of {raw.Length} bytes exceeds the limit of 100", result.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xc0 })]
    [InlineData(new byte[] { 0x02, 0xc1, 0x80 })]
    [InlineData(new byte[] { 0x05, 0xc0 })]
    [InlineData(new byte[0])]
    public void Malformed_bytes_are_refused_with_the_decoder_message(byte[] raw)
    {
        var expected = Assert.ThrowsAny<FormatException>(() => TransactionDecoder.Decode(raw)).Message;

        var result = _fixture.Pool.Admit(raw);

        Assert.Equal(AdmissionError.Malformed, result.Error);
        Assert.Equal(expected, result.Message);
    }

    [Fact]
    public void Truncated_transaction_is_refused_as_malformed()
    {
        var raw = PoolFixture.Sign(1, 0);

        var result = _fixture.Pool.Admit(raw.AsSpan(0, raw.Length - 5));

        Assert.Equal(AdmissionError.Malformed, result.Error);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Wrong_chain_id_is_refused_naming_both_chains()
    {
        var result = _fixture.Admit(1, PoolFixture.Transfer(0) with { ChainId = 1 });

        Assert.Equal(AdmissionError.WrongChainId, result.Error);
        Assert.Equal("wrong chain id 1, this network is 4242", result.Message);
    }

    [Fact]
    public void High_s_signature_is_refused_as_invalid()
    {
        var tx = PoolFixture.Transfer(0);
        var hash = TransactionEncoder.SigningHash(tx).ToArray();
        var signature = Ecdsa.Default.Sign(hash, DevKeys.PrivateKey(1));
        var order = new BigInteger(SignatureRules.Order, isUnsigned: true, isBigEndian: true);
        var highS = order - new BigInteger(signature.S, isUnsigned: true, isBigEndian: true);
        var twin = new EcdsaSignature(signature.R, UInt256.FromBigInteger(highS).ToBigEndian(), 1 - signature.RecoveryId);

        var result = _fixture.Pool.Admit(TransactionEncoder.EncodeSigned(tx, twin));

        Assert.Equal(AdmissionError.InvalidSignature, result.Error);
        Assert.StartsWith("invalid signature", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Pool.Count);
    }

    [Fact]
    public void Zero_r_signature_is_refused_as_invalid()
    {
        var signature = new EcdsaSignature(new byte[32], Enumerable.Repeat((byte)1, 32).ToArray(), 0);

        var result = _fixture.Pool.Admit(TransactionEncoder.EncodeSigned(PoolFixture.Transfer(0), signature));

        Assert.Equal(AdmissionError.InvalidSignature, result.Error);
    }

    [Fact]
    public void Non_zero_value_is_refused_because_there_is_no_native_coin()
    {
        var result = _fixture.Admit(1, PoolFixture.Transfer(0) with { Value = 1 });

        Assert.Equal(AdmissionError.NonZeroValue, result.Error);
        Assert.Equal("value transfers are not supported: Ledger has no native coin", result.Message);
    }

    [Fact]
    public void Contract_creation_is_refused()
    {
        var result = _fixture.Admit(1, PoolFixture.Transfer(0) with { To = null });

        Assert.Equal(AdmissionError.ContractCreation, result.Error);
        Assert.Contains("ledger_getModules", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recipient_that_is_not_a_module_is_refused_naming_the_address()
    {
        var stranger = Address.Parse("0x00000000000000000000000000000000000000aa");

        var result = _fixture.Admit(1, PoolFixture.Transfer(0) with { To = stranger });

        Assert.Equal(AdmissionError.UnknownModule, result.Error);
        Assert.Equal($"no module at address {stranger.ToChecksumString()}; see ledger_getModules", result.Message);
    }

    [Fact]
    public void Gas_limit_below_intrinsic_is_refused()
    {
        var result = _fixture.Admit(1, PoolFixture.Transfer(0) with { GasLimit = 20_999 });

        Assert.Equal(AdmissionError.GasTooLow, result.Error);
        Assert.Contains("20999", result.Message, StringComparison.Ordinal);
        Assert.Contains("21000", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gas_limit_above_the_block_gas_limit_is_refused()
    {
        var result = _fixture.Admit(1, PoolFixture.Transfer(0) with { GasLimit = 1_000_001 });

        Assert.Equal(AdmissionError.GasAboveBlockLimit, result.Error);
        Assert.Contains("1000000", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gas_limits_at_both_bounds_are_admitted()
    {
        var lowest = PoolFixture.Transfer(0);
        Assert.True(_fixture.Admit(1, lowest with { GasLimit = GasSchedule.IntrinsicGas(lowest.Data) }).IsAccepted);
        Assert.True(_fixture.Admit(1, PoolFixture.Transfer(1) with { GasLimit = 1_000_000 }).IsAccepted);
    }

    [Fact]
    public void The_same_transaction_twice_is_already_known()
    {
        var raw = PoolFixture.Sign(1, 0);
        Assert.True(_fixture.Pool.Admit(raw).IsAccepted);

        var result = _fixture.Pool.Admit(raw);

        Assert.Equal(AdmissionError.AlreadyKnown, result.Error);
        Assert.Equal("already known", result.Message);
        Assert.Equal(1, _fixture.Pool.Count);
    }

    [Fact]
    public void Nonce_below_the_state_nonce_is_too_low_and_names_the_next_nonce()
    {
        _fixture.StateNonces[PoolFixture.Account(1)] = 7;

        var result = _fixture.Admit(1, 6);

        Assert.Equal(AdmissionError.NonceTooLow, result.Error);
        Assert.Equal($"nonce too low: next nonce for {PoolFixture.Account(1).ToChecksumString()} is 7", result.Message);
    }

    [Fact]
    public void Nonce_up_to_the_future_window_is_admitted_and_one_beyond_is_too_high()
    {
        var fixture = new PoolFixture(o => o with { FutureWindow = 3 });
        fixture.StateNonces[PoolFixture.Account(1)] = 5;

        Assert.True(fixture.Admit(1, 7).IsAccepted); // committed 5: 5, 6 and 7 are in the window
        var beyond = fixture.Admit(1, 8);

        Assert.Equal(AdmissionError.NonceTooHigh, beyond.Error);
        Assert.Equal(
            $"nonce too high: 8 is 3 ahead of the committed nonce 5 of {PoolFixture.Account(1).ToChecksumString()}; "
            + "at most 3 transactions may be in flight: wait for some to commit",
            beyond.Message);
        Assert.True(fixture.Admit(1, 5).IsAccepted);
        Assert.Equal(AdmissionError.NonceTooHigh, fixture.Admit(1, 8).Error); // pending ones do not widen it
    }

    [Fact]
    public void Same_sender_and_nonce_replaces_the_pending_transaction()
    {
        var first = _fixture.Admit(1, 0, marker: 1);

        var second = _fixture.Admit(1, 0, marker: 2);

        Assert.True(second.IsAccepted, second.Message);
        Assert.True(second.Replaced);
        Assert.Null(_fixture.Pool.Find(first.Hash));
        Assert.Same(second.Transaction, _fixture.Pool.Find(second.Hash));
        Assert.Equal(1, _fixture.Pool.Count);
        Assert.Equal(second.Hash, Assert.Single(_fixture.Pool.TakeReady(10, _fixture.StateNonce)).Hash);
    }

    [Fact]
    public void A_full_pool_refuses_new_transactions_but_accepts_replacements()
    {
        var fixture = new PoolFixture(o => o with { Capacity = 2, PerSenderCapacity = 2 });
        Assert.True(fixture.Admit(1, 0).IsAccepted);
        Assert.True(fixture.Admit(2, 0).IsAccepted);

        var refused = fixture.Admit(3, 0);
        var replacement = fixture.Admit(2, 0, marker: 9);

        Assert.Equal(AdmissionError.PoolFull, refused.Error);
        Assert.StartsWith("pool is full", refused.Message, StringComparison.Ordinal);
        Assert.True(replacement.IsAccepted);
        Assert.Equal(2, fixture.Pool.Count);
    }

    [Fact]
    public void One_sender_cannot_take_more_than_its_share_of_the_pool()
    {
        var fixture = new PoolFixture(o => o with { PerSenderCapacity = 2 });
        Assert.True(fixture.Admit(1, 0).IsAccepted);
        Assert.True(fixture.Admit(1, 1).IsAccepted);

        var refused = fixture.Admit(1, 2);

        Assert.Equal(AdmissionError.PoolFull, refused.Error);
        Assert.Contains(PoolFixture.Account(1).ToChecksumString(), refused.Message, StringComparison.Ordinal);
        Assert.True(fixture.Admit(2, 0).IsAccepted);
    }

    [Fact]
    public void Refused_transactions_leave_the_pool_unchanged()
    {
        Assert.True(_fixture.Admit(1, 0).IsAccepted);

        _fixture.Admit(1, PoolFixture.Transfer(1) with { Value = 5 });
        _fixture.Admit(1, PoolFixture.Transfer(1) with { ChainId = 9 });
        _fixture.Pool.Admit([0xde, 0xad]);

        Assert.Equal(1, _fixture.Pool.Count);
        Assert.Equal(1UL, _fixture.Pool.PendingNonce(PoolFixture.Account(1)));
    }

    [Fact]
    public void Concurrent_admissions_from_many_threads_are_all_kept()
    {
        var raws = Enumerable.Range(0, 8)
            .SelectMany(key => Enumerable.Range(0, 25).Select(nonce => PoolFixture.Sign(key, (ulong)nonce)))
            .ToArray();

        var results = new AdmissionResult[raws.Length];
        Parallel.For(0, raws.Length, i => results[i] = _fixture.Pool.Admit(raws[i]));

        Assert.All(results, r => Assert.True(r.IsAccepted, r.Message));
        Assert.Equal(200, _fixture.Pool.Count);
        Assert.Equal(200, _fixture.Pool.TakeReady(1_000, _fixture.StateNonce).Count);
    }
}
