using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Persistence;
using Ledger.Core.Chain;

namespace Ledger.Simulation.Tests.Simulation;

internal sealed partial class Simulation
{
    public bool RecordRejections { get; init; }

    /// <summary>Runs an input and every follow-up input its actions cause (commit → Committed → StartHeight), in order.</summary>
    private void Feed(SimNode node, ConsensusInput input)
    {
        var pending = new Queue<ConsensusInput>();
        pending.Enqueue(input);
        while (pending.Count > 0 && node.Machine is { } machine)
        {
            var rejectedBefore = machine.RejectedMessages;
            var actions = machine.Handle(pending.Dequeue());
            if (RecordRejections && machine.RejectedMessages != rejectedBefore && machine.LastRejection is { } reason && !node.IsByzantine)
            {
                RejectionReasons.Add(reason);
            }

            MaxRound = Math.Max(MaxRound, machine.Round);
            Execute(node, actions, pending);
        }
    }

    private void Execute(SimNode node, IReadOnlyList<ConsensusAction> actions, Queue<ConsensusInput> pending)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            if (i > 0 && Config.MidActionCrashes && !_afterGst && !node.IsByzantine && _now < Config.GstMs - 600 && _random.Chance(0.01))
            {
                // Power loss between two actions, e.g. after the synced lock write and before the vote is sent.
                Crash(node);
                Schedule(_now + _random.Range(50, 400), new SimEvent(SimEventKind.Restart, node.Index));
                return;
            }

            switch (actions[i])
            {
                case PersistLockState persist:
                    node.PersistedLock = LockStateCodec.Encode(persist.State);
                    break;
                case Broadcast broadcast:
                    RecordVote(node, broadcast.Message);
                    if (node.IsByzantine)
                    {
                        BroadcastByzantine(node, broadcast.Message);
                    }
                    else
                    {
                        SendToAll(node, ConsensusMessageCodec.Encode(broadcast.Message));
                    }

                    break;
                case SetTimer timer:
                    node.TimerGeneration++;
                    Schedule(_now + timer.DurationMs, new SimEvent(SimEventKind.Timer, node.Index)
                    {
                        Epoch = node.Epoch,
                        Generation = node.TimerGeneration,
                        Height = timer.Height,
                        Round = timer.Round,
                    });
                    break;
                case RequestBlockCandidate request:
                    var block = _execution.Build(
                        node, request.Height, request.ParentHash, request.Round, (ulong)_now, _random.NextUInt64(), SetHashAt(request.Height));
                    Schedule(_now + _random.Range(20, 120), new SimEvent(SimEventKind.CandidateReady, node.Index)
                    {
                        Epoch = node.Epoch,
                        Height = request.Height,
                        Round = request.Round,
                        Block = block,
                    });
                    break;
                case ValidateProposal validate:
                    Schedule(_now + _random.Range(1, 20), new SimEvent(SimEventKind.ValidationDone, node.Index)
                    {
                        Epoch = node.Epoch,
                        Height = validate.Height,
                        Block = validate.Block,
                        Valid = _execution.IsValid(node, validate.Block, SetHashAt(validate.Block.Header.Number)),
                    });
                    break;
                case CommitBlock commit:
                    Store(node, commit.Block, "consensus");
                    pending.Enqueue(new Committed(commit.Block.Header.Number));
                    pending.Enqueue(new StartHeight(commit.Block.Header.Number + 1, commit.Block.Header.Hash, ValidatorsAt(commit.Block.Header.Number + 1)));
                    break;
                default:
                    throw new SimulationFailedException($"unknown action {actions[i].GetType().Name}");
            }
        }
    }

    private void Deliver(SimNode node, byte[] payload)
    {
        SignedConsensusMessage message;
        try
        {
            message = ConsensusMessageCodec.Decode(payload);
        }
        catch (ConsensusMessageFormatException)
        {
            // The transport drops undecodable bytes; the machine never sees them.
            return;
        }

        Feed(node, new MessageReceived(message));
    }

    /// <summary>Block sync: a node behind a reachable peer copies its missing blocks, verifying each certificate.</summary>
    private void Sync(SimNode node)
    {
        if (node.IsCrashed)
        {
            return;
        }

        SimNode? best = null;
        foreach (var peer in _nodes)
        {
            if (!peer.IsCrashed && peer != node && Connected(peer.Index, node.Index) && peer.Chain.Count > (best ?? node).Chain.Count)
            {
                best = peer;
            }
        }

        while (best is not null && !node.IsCrashed && node.Chain.Count < best.Chain.Count)
        {
            var block = best.Chain[node.Chain.Count];
            Store(node, block, "sync");
            Feed(node, new Committed(block.Header.Number));
            Feed(node, new StartHeight(block.Header.Number + 1, block.Header.Hash, ValidatorsAt(block.Header.Number + 1)));
        }
    }
}
