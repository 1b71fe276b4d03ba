using Ledger.Consensus;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// A seeded, single-threaded discrete-event run of n real <see cref="QbftStateMachine"/>s on a virtual clock. The
/// same seed gives the same run. Safety is checked at every commit and every vote; liveness at the end.
/// </summary>
internal sealed partial class Simulation
{
    private readonly PriorityQueue<SimEvent, (long Time, long Sequence)> _queue = new();
    private readonly SimRandom _random;
    private readonly IEcdsa _ecdsa;
    private readonly QbftOptions _options;
    private readonly List<SimNode> _nodes = [];
    private readonly Address[] _validators;
    private readonly ISimExecution _execution;
    private long _sequence;
    private long _now;
    private long _steps;
    private bool _afterGst;
    private ulong _livenessTarget = ulong.MaxValue;
    private PartitionPlan? _partition;

    public Simulation(ScenarioConfig config, QbftOptions? options = null)
    {
        Config = config;
        _random = new SimRandom((ulong)config.Seed);
        _ecdsa = new CachingEcdsa(Ecdsa.Default);
        _options = options ?? new QbftOptions { BaseRoundTimeoutMs = 400, MaxRoundTimeoutMs = 3_200 };
        for (var i = 0; i < config.ValidatorCount; i++)
        {
            var key = Keccak256.HashToArray(System.Text.Encoding.ASCII.GetBytes($"ledger-sim-validator-{i}"));
            _nodes.Add(new SimNode(i, key, new LocalKeySigner(key, _ecdsa), config.ByzantineIndex == i));
        }

        _validators = [.. _nodes.Select(n => n.Address)];
        _execution = config.RealExecution ? new RealExecution(_validators) : new StandInExecution(_validators);
        foreach (var node in _nodes)
        {
            node.Chain.Add(_execution.Open(node));
        }
    }

    public ScenarioConfig Config { get; }

    public IReadOnlyList<SimNode> Nodes => _nodes;

    /// <summary>The genesis validators (all nodes).</summary>
    public IReadOnlyList<Address> Validators => _validators;

    /// <summary>The validators that certify block <paramref name="height"/>: genesis, then the latest planned change at or below it.</summary>
    public IReadOnlyList<Address> ValidatorsAt(ulong height)
    {
        var change = Config.SetChanges.LastOrDefault(c => c.FromHeight <= height);
        return change is null ? _validators : [.. change.Members.Select(i => _validators[i])];
    }

    private Hash32 SetHashAt(ulong height) => ValidatorSet.ComputeHash(ValidatorsAt(height));

    public long Now => _now;

    public long Rejected { get; private set; }

    public uint MaxRound { get; private set; }

    /// <summary>Rejection reasons seen by honest nodes, for focused tests.</summary>
    public HashSet<string> RejectionReasons { get; } = [];

    public static SimulationResult RunSeed(int seed) => new Simulation(ScenarioConfig.FromSeed(seed)).Run();

    public SimulationResult Run()
    {
        try
        {
            Setup();
            while (_queue.TryDequeue(out var next, out var at))
            {
                _now = at.Time;
                _steps++;
                Process(next);
                if (_afterGst && HonestNodes().All(n => (ulong)n.Chain.Count - 1 >= _livenessTarget))
                {
                    return Result(null);
                }

                if (_afterGst && _now > Config.GstMs + Config.LivenessBoundMs)
                {
                    throw new SimulationFailedException(
                        $"liveness: {Config.LivenessBoundMs}ms after GST not every honest node reached height {_livenessTarget} "
                        + $"(heights {string.Join(",", _nodes.Select(n => n.Chain.Count - 1))}, rounds {string.Join(",", _nodes.Select(n => n.Machine?.Round))})");
                }
            }

            throw new SimulationFailedException("the event queue ran dry");
        }
        catch (SimulationFailedException ex)
        {
            return Result(ex.Message);
        }
    }

    private SimulationResult Result(string? failure) =>
        new(Config, failure, _now, HonestNodes().Min(n => (ulong)n.Chain.Count - 1), _steps, MaxRound, Rejected);

    private IEnumerable<SimNode> HonestNodes() => _nodes.Where(n => !n.IsByzantine);

    private void Setup()
    {
        foreach (var node in _nodes)
        {
            node.Machine = NewMachine(node);
            Schedule(_random.Range(1, Config.SyncIntervalMs), new SimEvent(SimEventKind.SyncTick, node.Index));
        }

        foreach (var crash in Config.Crashes)
        {
            Schedule(crash.AtMs, new SimEvent(SimEventKind.Crash, crash.Node));
            Schedule(crash.RestartAtMs, new SimEvent(SimEventKind.Restart, crash.Node));
        }

        foreach (var partition in Config.Partitions)
        {
            Schedule(partition.AtMs, new SimEvent(SimEventKind.PartitionStart, 0) { Partition = partition });
            Schedule(partition.HealAtMs, new SimEvent(SimEventKind.PartitionHeal, 0) { Partition = partition });
        }

        Schedule(Config.GstMs, new SimEvent(SimEventKind.Gst, 0));
        foreach (var node in _nodes)
        {
            StartNextHeight(node);
        }
    }

    private QbftStateMachine NewMachine(SimNode node)
    {
        var persisted = node.PersistedLock is { } bytes ? Ledger.Consensus.Persistence.LockStateCodec.Decode(bytes) : null;
        return new QbftStateMachine(node.Signer, _ecdsa, TestValidators.ChainId, _options, persisted);
    }

    private void StartNextHeight(SimNode node) =>
        Feed(node, new StartHeight((ulong)node.Chain.Count, node.Head.Header.Hash, ValidatorsAt((ulong)node.Chain.Count)));

    private void Schedule(long at, SimEvent simEvent) => _queue.Enqueue(simEvent, (Math.Max(at, _now), _sequence++));

    private void Process(SimEvent e)
    {
        var node = _nodes[e.Node];
        switch (e.Kind)
        {
            case SimEventKind.Deliver:
                if (!node.IsCrashed && Connected(e.From, e.Node))
                {
                    Deliver(node, e.Payload!);
                }

                break;
            case SimEventKind.Timer:
                if (!node.IsCrashed && e.Epoch == node.Epoch && e.Generation == node.TimerGeneration)
                {
                    Feed(node, new TimerExpired(e.Height, e.Round));
                }

                break;
            case SimEventKind.CandidateReady:
                if (!node.IsCrashed && e.Epoch == node.Epoch)
                {
                    Feed(node, new BlockCandidateReady(e.Height, e.Round, e.Block!));
                }

                break;
            case SimEventKind.ValidationDone:
                if (!node.IsCrashed && e.Epoch == node.Epoch)
                {
                    Feed(node, new ProposalValidated(e.Height, e.Block!.Header.Hash, e.Valid));
                }

                break;
            case SimEventKind.Crash:
                Crash(node);
                break;
            case SimEventKind.Restart:
                Restart(node);
                break;
            case SimEventKind.PartitionStart:
                _partition = e.Partition;
                break;
            case SimEventKind.PartitionHeal:
                if (ReferenceEquals(_partition, e.Partition))
                {
                    _partition = null;
                }

                break;
            case SimEventKind.SyncTick:
                Sync(node);
                Schedule(_now + Config.SyncIntervalMs, e);
                break;
            case SimEventKind.Gst:
                _afterGst = true;
                _partition = null;
                foreach (var crashed in _nodes.Where(n => n.IsCrashed))
                {
                    Restart(crashed);
                }

                _livenessTarget = (ulong)HonestNodes().Max(n => n.Chain.Count - 1) + (ulong)Config.LivenessHeights;
                break;
        }
    }

    private void Crash(SimNode node)
    {
        if (node.IsCrashed || node.IsByzantine || _afterGst)
        {
            return;
        }

        CollectStats(node);
        node.Machine = null;
        node.Epoch++;
    }

    private void Restart(SimNode node)
    {
        if (!node.IsCrashed)
        {
            return;
        }

        var genesis = _execution.Open(node); // the ledger reopens from its store, as after a power cut
        if (genesis.Header.Hash != node.Chain[0].Header.Hash || (node.Ledger is { } ledger && ledger.HeadNumber != (ulong)node.Chain.Count - 1))
        {
            throw new SimulationFailedException($"node {node.Index} reopened a ledger that lost or changed committed blocks");
        }

        node.Machine = NewMachine(node);
        StartNextHeight(node);
    }

    private void CollectStats(SimNode node)
    {
        if (node.Machine is { } machine && !node.IsByzantine)
        {
            Rejected += machine.RejectedMessages;
        }
    }
}
