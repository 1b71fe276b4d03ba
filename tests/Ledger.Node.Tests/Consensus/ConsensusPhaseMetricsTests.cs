using Ledger.Consensus.Actions;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Node.Consensus;
using Prometheus;

namespace Ledger.Node.Tests.Consensus;

/// <summary>The per-phase latency histograms and proposer metrics, read off the machine's actions on a manual clock.</summary>
public sealed class ConsensusPhaseMetricsTests
{
    private const ulong ChainId = 4242;
    private readonly ManualClock _clock = new();
    private readonly LocalKeySigner _signer = new(DevKeys.PrivateKey(10), Ecdsa.Default);

    [Fact]
    public void Proposal_to_prepared_and_prepared_to_committed_are_timed_from_the_actions()
    {
        var metrics = new ConsensusPhaseMetrics(Metrics.NewCustomRegistry(), _signer.Address, _clock);
        var block = Block(5, DevKeys.Address(11));

        metrics.Observe([new ValidateProposal(5, 0, block)]);
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        metrics.Observe([new Broadcast(ConsensusMessageSigning.SignCommit(_signer, ChainId, 5, 0, block.Header.Hash))]);
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        metrics.Observe([new CommitBlock(block, new CommitCertificate(block.Header.Hash, 0, []))]);

        AssertObserved(metrics, ConsensusPhaseMetrics.ProposalToPrepared, 0.030);
        AssertObserved(metrics, ConsensusPhaseMetrics.PreparedToCommitted, 0.020);
    }

    [Fact]
    public void A_prepared_mark_of_an_earlier_height_does_not_time_the_next_commit()
    {
        var metrics = new ConsensusPhaseMetrics(Metrics.NewCustomRegistry(), _signer.Address, _clock);
        var earlier = Block(5, DevKeys.Address(11));
        metrics.Observe([new Broadcast(ConsensusMessageSigning.SignCommit(_signer, ChainId, 5, 0, earlier.Header.Hash))]);
        _clock.Advance(TimeSpan.FromSeconds(10));

        metrics.Observe([new CommitBlock(Block(6, DevKeys.Address(11)), new CommitCertificate(Hash32.Zero, 0, []))]);

        Assert.Equal(0, metrics.PhaseSeconds.WithLabels(ConsensusPhaseMetrics.PreparedToCommitted).Count);
    }

    [Fact]
    public void Timed_sections_record_their_phase()
    {
        var metrics = new ConsensusPhaseMetrics(Metrics.NewCustomRegistry(), _signer.Address, _clock);

        using (metrics.Time(ConsensusPhaseMetrics.CommitToDisk))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(4));
        }

        AssertObserved(metrics, ConsensusPhaseMetrics.CommitToDisk, 0.004);
    }

    [Fact]
    public void The_proposer_index_follows_height_plus_round_and_own_blocks_are_counted()
    {
        var metrics = new ConsensusPhaseMetrics(Metrics.NewCustomRegistry(), _signer.Address, _clock);
        Address[] set = [DevKeys.Address(11), _signer.Address, DevKeys.Address(12)];

        metrics.SetPosition(7, 0, set);
        Assert.Equal(1, metrics.ProposerIndex.Value);
        Assert.Equal(1, metrics.IsLocalProposer.Value);
        metrics.SetPosition(7, 1, set);
        Assert.Equal(2, metrics.ProposerIndex.Value);
        Assert.Equal(0, metrics.IsLocalProposer.Value);
        Assert.Equal(3, metrics.ValidatorCount.Value);

        metrics.Stored(Block(7, _signer.Address).Header);
        metrics.Stored(Block(8, DevKeys.Address(11)).Header);
        Assert.Equal(1, metrics.BlocksProposed.Value);
    }

    private static void AssertObserved(ConsensusPhaseMetrics metrics, string phase, double seconds)
    {
        var histogram = metrics.PhaseSeconds.WithLabels(phase);
        Assert.Equal(1, histogram.Count);
        Assert.Equal(seconds, histogram.Sum, 6);
    }

    private static Block Block(ulong number, Address proposer) =>
        new(
            new BlockHeader
            {
                ParentHash = Hash32.Zero,
                Number = number,
                TimestampMs = 1,
                Proposer = proposer,
                Round = 0,
                TransactionsRoot = Hash32.Zero,
                ReceiptsRoot = Hash32.Zero,
                StateRoot = Hash32.Zero,
                ValidatorSetHash = Hash32.Zero,
                GasUsed = 0,
                GasLimit = 1,
                LogsBloom = new byte[256],
            },
            [],
            null);

    /// <summary>A monotonic clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
