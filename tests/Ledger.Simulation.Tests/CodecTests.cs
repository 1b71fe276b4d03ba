using CsCheck;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Persistence;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests;

public sealed class CodecTests
{
    private readonly TestValidators _validators = new(4);

    [Fact]
    public void Every_message_kind_survives_the_wire_with_its_signer_and_attachments()
    {
        var block = _validators.Block(1, 9);
        var prepares = Enumerable.Range(0, 3).Select(i => _validators.Prepare(i, 0, block.Header.Hash)).ToList();
        var roundChange = _validators.RoundChange(2, 1, new PreparedClaim(0, block.Header.Hash), block, prepares);
        var messages = new SignedConsensusMessage[]
        {
            _validators.Proposal(2, 1, block, [roundChange.WithoutAttachments(), _validators.RoundChange(0, 1)], prepares),
            prepares[0],
            _validators.Commit(3, 2, block.Header.Hash),
            roundChange,
            _validators.RoundChange(1, 4),
        };

        foreach (var message in messages)
        {
            var encoded = ConsensusMessageCodec.Encode(message);
            var decoded = ConsensusMessageCodec.Decode(encoded);

            Assert.Equal(message.Type, decoded.Type);
            Assert.Equal(ConsensusMessageSigning.Digest(message, TestValidators.ChainId), ConsensusMessageSigning.Digest(decoded, TestValidators.ChainId));
            Assert.Equal(encoded, ConsensusMessageCodec.Encode(decoded));
        }

        var proposal = (ProposalMessage)ConsensusMessageCodec.Decode(ConsensusMessageCodec.Encode(messages[0]));
        Assert.Equal(block.Header.Hash, proposal.BlockHash);
        Assert.Equal(2, proposal.RoundChangeJustification.Count);
        Assert.Equal(3, proposal.PreparedCertificate.Count);
    }

    [Fact]
    public void A_proposal_whose_block_differs_from_the_signed_hash_is_malformed()
    {
        var proposal = _validators.Proposal(1, 0, _validators.Block(1, 1));
        var encoded = ConsensusMessageCodec.Encode(proposal);

        // Same-sized block bytes spliced in: the signed hash no longer matches the carried block.
        var error = Assert.Throws<ConsensusMessageFormatException>(() =>
            ConsensusMessageCodec.Decode(SwapBlock(encoded, proposal, _validators.Block(1, 2))));
        Assert.Contains("signs block", error.Message);
    }

    [Fact]
    public void Random_bytes_never_decode_into_anything_but_a_format_error()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            try
            {
                ConsensusMessageCodec.Decode(bytes);
            }
            catch (ConsensusMessageFormatException)
            {
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Corrupting_any_byte_of_a_valid_message_gives_a_format_error_or_a_message()
    {
        var block = _validators.Block(1, 9);
        var prepares = Enumerable.Range(0, 3).Select(i => _validators.Prepare(i, 0, block.Header.Hash)).ToList();
        var encoded = ConsensusMessageCodec.Encode(_validators.RoundChange(2, 1, new PreparedClaim(0, block.Header.Hash), block, prepares));

        Gen.Select(Gen.Int[0, encoded.Length - 1], Gen.Byte).Sample((index, value) =>
        {
            var corrupted = (byte[])encoded.Clone();
            corrupted[index] = value;
            try
            {
                Assert.NotNull(ConsensusMessageCodec.Decode(corrupted));
            }
            catch (ConsensusMessageFormatException)
            {
            }
        }, iter: 5_000);
    }

    [Fact]
    public void A_lock_state_round_trips_through_storage_bytes()
    {
        var block = _validators.Block(1, 3);
        var state = new LockState
        {
            Height = 7,
            Round = 2,
            SentPrepare = block.Header.Hash,
            SentCommit = block.Header.Hash,
            PreparedRound = 2,
            PreparedBlock = block,
            PreparedCertificate = [.. Enumerable.Range(0, 3).Select(i => _validators.Prepare(i, 2, block.Header.Hash))],
        };

        var decoded = LockStateCodec.Decode(LockStateCodec.Encode(state));

        Assert.Equal((7UL, 2u, (Hash32?)null, block.Header.Hash, block.Header.Hash, 2u),
            (decoded.Height, decoded.Round, decoded.SentProposal, decoded.SentPrepare!.Value, decoded.SentCommit!.Value, decoded.PreparedRound!.Value));
        Assert.Equal(block.Header.Hash, decoded.PreparedBlock!.Header.Hash);
        Assert.Equal(state.PreparedCertificate.Select(p => p.Signature), decoded.PreparedCertificate.Select(p => p.Signature));
        Assert.Equal(LockStateCodec.Encode(state), LockStateCodec.Encode(decoded));
    }

    [Fact]
    public void Truncated_lock_state_bytes_are_refused()
    {
        var bytes = LockStateCodec.Encode(new LockState { Height = 1, Round = 0 });

        Assert.ThrowsAny<FormatException>(() => LockStateCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }

    private static byte[] SwapBlock(byte[] encoded, ProposalMessage proposal, Ledger.Core.Chain.Block replacement)
    {
        var originalBlock = Ledger.Core.Chain.BlockCodec.Encode(proposal.Block);
        var newBlock = Ledger.Core.Chain.BlockCodec.Encode(replacement);
        Assert.Equal(originalBlock.Length, newBlock.Length);
        var index = encoded.AsSpan().IndexOf(originalBlock);
        var result = (byte[])encoded.Clone();
        newBlock.CopyTo(result, index);
        return result;
    }
}
