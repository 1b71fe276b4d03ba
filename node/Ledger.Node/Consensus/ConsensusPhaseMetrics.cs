using Ledger.Consensus.Actions;
using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Prometheus;

namespace Ledger.Node.Consensus;

/// <summary>
/// Where a consortium block's time goes, from this validator's point of view, and who proposes. Registered in the
/// node's own registry next to the other <c>ledger_consensus_*</c> metrics. The phases are read off the actions the
/// state machine returns (no hooks inside the pure machine): a proposal arrives (<see cref="ValidateProposal"/>, or
/// this node's own PROPOSAL), this node is prepared when it sends its COMMIT, and the height is final at
/// <see cref="CommitBlock"/>. Times come from the injected clock's monotonic timestamp.
/// </summary>
public sealed class ConsensusPhaseMetrics
{
    public const string ProposalToPrepared = "proposal_to_prepared";
    public const string PreparedToCommitted = "prepared_to_committed";
    public const string BlockExecution = "block_execution";
    public const string CommitToDisk = "commit_to_disk";

    private readonly TimeProvider _time;
    private readonly Address _self;
    private (ulong Height, uint Round, long At)? _proposalSeen;
    private (ulong Height, long At)? _prepared;

    public ConsensusPhaseMetrics(CollectorRegistry registry, Address self, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _self = self;
        _time = time ?? TimeProvider.System;
        var factory = Metrics.WithCustomRegistry(registry);
        PhaseSeconds = factory.CreateHistogram(
            "ledger_consensus_phase_seconds",
            "Time per consensus phase: proposal_to_prepared, prepared_to_committed, block_execution (re-executing or building a block), commit_to_disk (the synced block write).",
            new HistogramConfiguration { LabelNames = ["phase"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        ProposerIndex = factory.CreateGauge(
            "ledger_consensus_proposer_index", "Position in the current validator set of the proposer of the current height and round.");
        IsLocalProposer = factory.CreateGauge("ledger_consensus_local_proposer", "1 while this node is the proposer of the current height and round, else 0.");
        BlocksProposed = factory.CreateCounter("ledger_consensus_blocks_proposed_total", "Final blocks whose proposer is this node.");
        ValidatorCount = factory.CreateGauge("ledger_consensus_validators", "Validators in the set of the current height.");
        foreach (var phase in (string[])[ProposalToPrepared, PreparedToCommitted, BlockExecution, CommitToDisk])
        {
            PhaseSeconds.WithLabels(phase); // exported from the start, so dashboards and alerts find every phase
        }
    }

    public Histogram PhaseSeconds { get; }

    public Gauge ProposerIndex { get; }

    public Gauge IsLocalProposer { get; }

    public Counter BlocksProposed { get; }

    public Gauge ValidatorCount { get; }

    /// <summary>Notes the phase transitions in one batch of machine actions (call before executing them).</summary>
    public void Observe(IReadOnlyList<ConsensusAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            switch (action)
            {
                case ValidateProposal validate:
                    ProposalArrived(validate.Height, validate.Round);
                    break;
                case Broadcast { Message: ProposalMessage proposal }:
                    ProposalArrived(proposal.Height, proposal.Round);
                    break;
                case Broadcast { Message: CommitMessage commit }:
                    var now = _time.GetTimestamp();
                    if (_proposalSeen is { } seen && seen.Height == commit.Height && seen.Round == commit.Round)
                    {
                        PhaseSeconds.WithLabels(ProposalToPrepared).Observe(_time.GetElapsedTime(seen.At, now).TotalSeconds);
                    }

                    if (_prepared is not { } marked || marked.Height != commit.Height)
                    {
                        _prepared = (commit.Height, now); // the first round this height prepared in
                    }

                    break;
                case CommitBlock commitBlock:
                    Finalised(commitBlock.Block.Header);
                    break;
            }
        }
    }

    /// <summary>The proposer of the machine's current (height, round) in <paramref name="validators"/>.</summary>
    public void SetPosition(ulong height, uint round, IReadOnlyList<Address> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (validators.Count == 0)
        {
            return;
        }

        var index = (int)((height + round) % (ulong)validators.Count);
        ProposerIndex.Set(index);
        IsLocalProposer.Set(validators[index] == _self ? 1 : 0);
        ValidatorCount.Set(validators.Count);
    }

    /// <summary>A block was stored (by consensus or block sync): counts it when this node proposed it.</summary>
    public void Stored(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Proposer == _self)
        {
            BlocksProposed.Inc();
        }
    }

    /// <summary>Starts timing <paramref name="phase"/>; dispose the result to record it.</summary>
    public PhaseTimer Time(string phase) => new(this, phase, _time.GetTimestamp());

    private void ProposalArrived(ulong height, uint round)
    {
        if (_proposalSeen is not { } seen || seen.Height != height || seen.Round != round)
        {
            _proposalSeen = (height, round, _time.GetTimestamp());
        }
    }

    private void Finalised(BlockHeader header)
    {
        if (_prepared is { } prepared && prepared.Height == header.Number)
        {
            PhaseSeconds.WithLabels(PreparedToCommitted).Observe(_time.GetElapsedTime(prepared.At).TotalSeconds);
        }

        // A new height starts clean; a prepared mark of an older height must not time the next one.
        _prepared = null;
        _proposalSeen = null;
    }

    /// <summary>Records the time since it was created under its phase when disposed.</summary>
    public readonly struct PhaseTimer(ConsensusPhaseMetrics owner, string phase, long started) : IDisposable
    {
        public void Dispose() => owner.PhaseSeconds.WithLabels(phase).Observe(owner._time.GetElapsedTime(started).TotalSeconds);
    }
}
