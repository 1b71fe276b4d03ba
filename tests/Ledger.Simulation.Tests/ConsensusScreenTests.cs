using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests;

/// <summary>
/// The screen a node runs on peer messages before queueing them: cheap checks first (header, window, one signature
/// recovery, signer in the set), the block only after; and the size arithmetic that keeps every proposal sendable.
/// </summary>
public sealed class ConsensusScreenTests
{
    private readonly TestValidators _validators = new(5); // the screen admits the first four; the fifth is a stranger

    [Fact]
    public void The_header_digest_is_the_signing_digest_of_every_message_kind()
    {
        var block = _validators.Block(1, 9);
        var prepares = Enumerable.Range(0, 3).Select(i => _validators.Prepare(i, 0, block.Header.Hash)).ToList();
        var messages = new SignedConsensusMessage[]
        {
            _validators.Proposal(2, 1, block, [_validators.RoundChange(0, 1)], prepares),
            prepares[0],
            _validators.Commit(3, 2, block.Header.Hash),
            _validators.RoundChange(2, 1, new PreparedClaim(0, block.Header.Hash), block, prepares),
            _validators.RoundChange(1, 4),
        };

        foreach (var message in messages)
        {
            var header = ConsensusMessageCodec.ReadHeader(ConsensusMessageCodec.Encode(message), TestValidators.ChainId);

            Assert.Equal(message.Type, header.Type);
            Assert.Equal(message.Height, header.Height);
            Assert.Equal(message.Round, header.Round);
            Assert.Equal(ConsensusMessageSigning.Digest(message, TestValidators.ChainId), header.Digest);
            Assert.Equal(message.Signature, header.Signature);
        }
    }

    [Fact]
    public void A_valid_message_of_a_validator_in_the_window_is_accepted_with_its_signer()
    {
        var screen = Screen(height: 1);
        var encoded = ConsensusMessageCodec.Encode(_validators.Proposal(1, 0, _validators.Block(1, 3)));

        var verdict = screen.Screen(encoded, out var message, out var signer);

        Assert.Equal(ConsensusScreenVerdict.Accepted, verdict);
        Assert.IsType<ProposalMessage>(message);
        Assert.Equal(_validators.Addresses[1], signer);
    }

    [Fact]
    public void A_strangers_proposal_is_dropped_before_its_block_is_decoded()
    {
        var screen = Screen(height: 1);
        var fromStranger = CorruptBlock(ConsensusMessageCodec.Encode(_validators.Proposal(4, 0, _validators.Block(4, 3))));
        var fromValidator = CorruptBlock(ConsensusMessageCodec.Encode(_validators.Proposal(1, 0, _validators.Block(1, 3))));

        // The same corruption: only a validator's message gets as far as decoding the block (and fails there).
        Assert.Equal(ConsensusScreenVerdict.NotValidator, screen.Screen(fromStranger, out var dropped, out _));
        Assert.Null(dropped);
        Assert.Equal(ConsensusScreenVerdict.Malformed, screen.Screen(fromValidator, out _, out _));
    }

    [Fact]
    public void Heights_outside_the_window_are_dropped_without_a_signature_recovery()
    {
        var screen = Screen(height: 20);
        var late = ConsensusMessageCodec.Encode(_validators.Prepare(0, 0, Hash32.Zero, height: 19));
        var early = ConsensusMessageCodec.Encode(_validators.Prepare(0, 0, Hash32.Zero, height: 31));
        var lastInWindow = ConsensusMessageCodec.Encode(_validators.Prepare(0, 0, Hash32.Zero, height: 30));
        late[^3] ^= 0xff; // a broken signature does not matter: the height alone decides
        early[^3] ^= 0xff;

        Assert.Equal(ConsensusScreenVerdict.Stale, screen.Screen(late, out _, out _));
        Assert.Equal(ConsensusScreenVerdict.TooFarAhead, screen.Screen(early, out _, out _));
        Assert.Equal(ConsensusScreenVerdict.Accepted, screen.Screen(lastInWindow, out _, out _));
    }

    [Fact]
    public void An_unrecoverable_signature_or_one_for_another_chain_is_dropped()
    {
        var screen = Screen(height: 1);
        var prepare = _validators.Prepare(0, 0, Hash32.Zero);
        var badRecoveryId = ConsensusMessageCodec.Encode(prepare with { Signature = [.. prepare.Signature[..64], 7] });
        var otherChain = ConsensusMessageCodec.Encode(ConsensusMessageSigning.SignPrepare(_validators.Signers[0], 1, 1, 0, Hash32.Zero));

        Assert.Equal(ConsensusScreenVerdict.BadSignature, screen.Screen(badRecoveryId, out _, out _));
        Assert.Equal(ConsensusScreenVerdict.NotValidator, screen.Screen(otherChain, out _, out _));
        Assert.Equal(ConsensusScreenVerdict.Malformed, screen.Screen([0xc0], out _, out _));
        Assert.Equal(1, screen.Count(ConsensusScreenVerdict.BadSignature));
        Assert.Equal(1, screen.Count(ConsensusScreenVerdict.NotValidator));
    }

    [Fact]
    public void A_proposal_with_the_largest_justification_stays_within_the_stated_bound()
    {
        var transactions = Enumerable.Range(0, 16).Select(i => Transaction(i, 60_000)).ToList();
        var block = new Block(_validators.Block(0, 1).Header, transactions, null);
        var hash = Keccak256.Hash("prepared"u8);
        var signer = _validators.Signers[0];
        var roundChanges = Enumerable.Range(0, ConsensusMessageCodec.MaxJustificationEntries)
            .Select(_ => ConsensusMessageSigning.SignRoundChange(signer, TestValidators.ChainId, ulong.MaxValue, uint.MaxValue, new PreparedClaim(uint.MaxValue, hash), null, []))
            .ToList();
        var prepares = Enumerable.Range(0, ConsensusMessageCodec.MaxJustificationEntries)
            .Select(_ => ConsensusMessageSigning.SignPrepare(signer, TestValidators.ChainId, ulong.MaxValue, uint.MaxValue, hash))
            .ToList();
        var proposal = ConsensusMessageSigning.SignProposal(signer, TestValidators.ChainId, ulong.MaxValue, uint.MaxValue, block, roundChanges, prepares);

        var encoded = ConsensusMessageCodec.Encode(proposal).Length;

        Assert.True(BlockCodec.Encode(block).Length <= BlockLimits.SizeOf(block));
        Assert.True(encoded <= ConsensusMessageCodec.MaxEncodedBytes(BlockLimits.SizeOf(block)), $"{encoded} bytes");
        Assert.True(ConsensusMessageCodec.MaxEncodedBytes(BlockLimits.MaxBlockBytesCeiling) <= BlockLimits.PeerMessageBytes / 2 + (512 * 1024));
    }

    private ConsensusMessageScreen Screen(ulong height)
    {
        var screen = new ConsensusMessageScreen(TestValidators.ChainId, Ecdsa.Default, futureHeightWindow: 10);
        screen.Update(height, _validators.Addresses.Take(4));
        return screen;
    }

    /// <summary>Flips a byte near the end of the encoded block (inside the attachments, past the signed fields).</summary>
    private static byte[] CorruptBlock(byte[] encoded)
    {
        var copy = (byte[])encoded.Clone();
        copy[^40] ^= 0x55;
        return copy;
    }

    private static Core.Transactions.SignedTransaction Transaction(int nonce, int dataBytes)
    {
        var data = new byte[dataBytes];
        Array.Fill(data, (byte)0xab);
        return Core.Transactions.TransactionSigner.Sign(
            new Core.Transactions.UnsignedTransaction { ChainId = TestValidators.ChainId, Nonce = (ulong)nonce, GasLimit = 2_000_000, To = Address.Zero, Data = data },
            DevKeys.PrivateKey(1),
            Ecdsa.Default);
    }
}
