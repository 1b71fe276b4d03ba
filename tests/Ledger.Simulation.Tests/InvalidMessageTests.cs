using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using static Ledger.Simulation.Tests.TestValidators;

namespace Ledger.Simulation.Tests;

public sealed class InvalidMessageTests
{
    private readonly TestValidators _validators = new(4);

    [Fact]
    public void A_message_with_a_tampered_signature_is_dropped_with_a_reason()
    {
        var machine = _validators.Started(0);
        var prepare = _validators.Prepare(2, 0, Hash32.Zero);
        var tampered = (byte[])prepare.Signature.Clone();
        tampered[10] ^= 1;

        var actions = Receive(machine, prepare with { Signature = tampered });

        Assert.Empty(actions);
        Assert.Equal(1, machine.RejectedMessages);
        Assert.NotNull(machine.LastRejection);
    }

    [Fact]
    public void A_message_signed_by_a_non_validator_is_dropped()
    {
        var machine = _validators.Started(0);
        var outsider = new LocalKeySigner(Keccak256.HashToArray("outsider"u8), Ecdsa.Default);

        Receive(machine, ConsensusMessageSigning.SignPrepare(outsider, ChainId, 1, 0, Hash32.Zero));

        Assert.Contains("not a validator", machine.LastRejection);
    }

    [Fact]
    public void A_proposal_from_a_validator_that_is_not_the_proposer_is_dropped()
    {
        var machine = _validators.Started(0);

        var actions = Receive(machine, _validators.Proposal(3, 0, _validators.Block(3, 1)));

        Assert.Empty(actions);
        Assert.Contains("but the proposer is", machine.LastRejection);
    }

    [Fact]
    public void A_commit_whose_seal_belongs_to_someone_else_is_dropped()
    {
        var machine = _validators.Started(0);
        var commit = _validators.Commit(2, 0, Hash32.Zero);
        var foreignSeal = _validators.Commit(3, 0, Hash32.Zero).CommitSeal;
        var forged = ConsensusMessageSigning.SignCommit(_validators.Signers[2], ChainId, 1, 0, Hash32.Zero) with { CommitSeal = foreignSeal };
        var resigned = forged with { Signature = _validators.Signers[2].Sign(ConsensusMessageSigning.Digest(forged, ChainId)) };

        Receive(machine, commit);
        Receive(machine, resigned);

        Assert.Contains("seal that is not its own", machine.LastRejection);
    }

    [Fact]
    public void Stale_and_far_future_heights_are_dropped_and_duplicates_counted_once()
    {
        var machine = _validators.Machine(0);
        machine.Handle(_validators.Start(5));
        var prepare = _validators.Prepare(1, 0, Hash32.Zero, height: 5);

        Receive(machine, _validators.Prepare(1, 0, Hash32.Zero, height: 4));
        Assert.Contains("stale", machine.LastRejection);
        Receive(machine, _validators.Prepare(1, 0, Hash32.Zero, height: 500));
        Assert.Contains("too far ahead", machine.LastRejection);
        Receive(machine, prepare);
        Receive(machine, prepare);
        Assert.Contains("second prepare", machine.LastRejection);
        Assert.Equal(3, machine.RejectedMessages);
    }

    [Fact]
    public void Future_height_messages_are_buffered_up_to_a_cap_per_sender_and_replayed_on_start()
    {
        var machine = _validators.Started(0);
        for (uint round = 0; round < 1_000; round++)
        {
            Receive(machine, _validators.Prepare(1, round, Hash32.Zero, height: 2));
        }

        Assert.Equal(QbftOptions.Default.MaxBufferedMessagesPerSender, machine.BufferedFutureMessages);
        Assert.Contains("buffer", machine.LastRejection);

        machine.Handle(new Ledger.Consensus.Inputs.StartHeight(2, _validators.Genesis.Header.Hash, _validators.Addresses));
        Assert.Equal(0, machine.BufferedFutureMessages);
    }

    [Fact]
    public void Inputs_for_other_heights_and_rounds_are_ignored()
    {
        var machine = _validators.Started(0);

        Assert.Empty(machine.Handle(new Ledger.Consensus.Inputs.TimerExpired(1, 7)));
        Assert.Empty(machine.Handle(new Ledger.Consensus.Inputs.TimerExpired(9, 0)));
        Assert.Empty(machine.Handle(new Ledger.Consensus.Inputs.BlockCandidateReady(1, 0, _validators.Block(0, 1))));
        Assert.Equal(0u, machine.Round);
    }

    [Fact]
    public void Round_timeouts_double_and_stop_at_the_cap()
    {
        var options = new QbftOptions { BaseRoundTimeoutMs = 1_000, MaxRoundTimeoutMs = 10_000 };

        Assert.Equal([1_000L, 2_000, 4_000, 8_000, 10_000, 10_000], [.. new uint[] { 0, 1, 2, 3, 4, 40 }.Select(options.RoundTimeoutMs)]);
        Assert.Equal(10_000, options.RoundTimeoutMs(uint.MaxValue));
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(3, 0, 2)]
    [InlineData(4, 1, 3)]
    [InlineData(6, 1, 4)]
    [InlineData(7, 2, 5)]
    [InlineData(10, 3, 7)]
    public void Fault_tolerance_and_quorum_follow_the_bft_bounds(int n, int f, int quorum)
    {
        var set = new ConsensusValidatorSet(new TestValidators(n).Addresses);

        Assert.Equal((f, quorum), (set.MaxFaulty, set.Quorum));
        Assert.True((2 * set.Quorum) - n >= f + 1, "two quorums must share an honest validator");
    }

    [Fact]
    public void Invalid_options_and_validator_sets_are_refused_with_a_reason()
    {
        var options = new QbftOptions { BaseRoundTimeoutMs = 5_000, MaxRoundTimeoutMs = 1_000 };
        var error = Assert.Throws<ArgumentException>(() => new QbftStateMachine(_validators.Signers[0], Ecdsa.Default, ChainId, options));
        Assert.Contains("MaxRoundTimeoutMs", error.Message);

        var twice = Assert.Throws<ArgumentException>(() => new ConsensusValidatorSet([_validators.Addresses[0], _validators.Addresses[0]]));
        Assert.Contains("listed twice", twice.Message);
    }
}
