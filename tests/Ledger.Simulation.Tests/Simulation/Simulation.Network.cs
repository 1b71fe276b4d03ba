using Ledger.Consensus.Messages;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

internal sealed partial class Simulation
{
    private readonly Dictionary<(ulong Height, uint Round), Hash32> _byzantineAlternatives = [];
    private IConsensusSigner? _outsider;

    private bool Connected(int a, int b) => _partition is not { } p || p.Side[a] == p.Side[b];

    private void SendToAll(SimNode from, byte[] payload)
    {
        foreach (var to in _nodes)
        {
            if (to != from)
            {
                Send(from, to, payload);
            }
        }
    }

    /// <summary>Before GST: loss, duplication, random delay (hence reordering) and partitions; after: bounded delay only.</summary>
    private void Send(SimNode from, SimNode to, byte[] payload)
    {
        if (!Connected(from.Index, to.Index) || (!_afterGst && _random.Chance(Config.DropRate)))
        {
            return;
        }

        var maxDelay = _afterGst ? Config.MaxDelayAfterGstMs : Config.MaxDelayMs;
        var copies = _random.Chance(Config.DuplicateRate) ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            Schedule(_now + _random.Range(1, maxDelay), new SimEvent(SimEventKind.Deliver, to.Index) { From = from.Index, Payload = payload });
        }
    }

    /// <summary>
    /// The Byzantine validator runs an honest machine but equivocates on the way out: a second block as proposer,
    /// PREPARE/COMMIT votes for both blocks to different peers, and assorted junk (bad signatures, outsiders'
    /// messages, far-future heights, absurd rounds, garbage bytes).
    /// </summary>
    private void BroadcastByzantine(SimNode node, SignedConsensusMessage message)
    {
        var key = (message.Height, message.Round);
        SignedConsensusMessage? twin = null;
        switch (message)
        {
            case ProposalMessage proposal:
                var alternative = _execution.Alternative(
                    node, proposal.Height, proposal.Block.Header.ParentHash, proposal.Round, (ulong)_now + 1,
                    _random.NextUInt64(), SetHashAt(proposal.Height), valid: _random.Chance(0.8));
                _byzantineAlternatives[key] = alternative.Header.Hash;
                twin = ConsensusMessageSigning.SignProposal(
                    node.Signer, TestValidators.ChainId, proposal.Height, proposal.Round, alternative, proposal.RoundChangeJustification, proposal.PreparedCertificate);
                break;
            case PrepareMessage prepare:
                twin = ConsensusMessageSigning.SignPrepare(node.Signer, TestValidators.ChainId, prepare.Height, prepare.Round, AlternativeHash(key));
                break;
            case CommitMessage commit:
                twin = ConsensusMessageSigning.SignCommit(node.Signer, TestValidators.ChainId, commit.Height, commit.Round, AlternativeHash(key));
                break;
            case RoundChangeMessage roundChange:
                twin = ConsensusMessageSigning.SignRoundChange(
                    node.Signer, TestValidators.ChainId, roundChange.Height, roundChange.Round, new PreparedClaim(0, AlternativeHash(key)), null, []);
                break;
        }

        var original = ConsensusMessageCodec.Encode(message);
        var equivocation = twin is null ? null : ConsensusMessageCodec.Encode(twin);
        // Targeted: the real vote/proposal reaches one peer only, the twin (if any) the rest. A withheld COMMIT lets
        // exactly one honest node finalise while the others must round-change: the case the locking rules exist for.
        var targeted = message is CommitMessage || (message is ProposalMessage && message.Round > 0) ? _random.Chance(0.5) : false;
        var target = _random.Next(_nodes.Count);
        foreach (var to in _nodes.Where(n => n != node))
        {
            var mode = targeted ? (to.Index == target ? 0 : 1) : equivocation is null ? 0 : _random.Next(3);
            switch (equivocation is null && mode == 1 ? 3 : mode)
            {
                case 0:
                    Send(node, to, original);
                    break;
                case 1:
                    Send(node, to, equivocation!);
                    break;
                case 3:
                    break;
                default:
                    Send(node, to, equivocation!);
                    Send(node, to, original);
                    break;
            }

            if (_random.Chance(0.2))
            {
                Send(node, to, Junk(node, message));
            }
        }
    }

    private Hash32 AlternativeHash((ulong Height, uint Round) key)
    {
        if (_byzantineAlternatives.TryGetValue(key, out var hash))
        {
            return hash;
        }

        Span<byte> bytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(bytes, _random.NextUInt64());
        return Keccak256.Hash(bytes);
    }

    private byte[] Junk(SimNode node, SignedConsensusMessage message)
    {
        switch (_random.Next(6))
        {
            case 0:
                var garbage = new byte[_random.Next(200)];
                for (var i = 0; i < garbage.Length; i++)
                {
                    garbage[i] = (byte)_random.Next(256);
                }

                return garbage;
            case 1:
                var forged = (byte[])message.Signature.Clone();
                forged[_random.Next(64)] ^= 0x5A;
                return ConsensusMessageCodec.Encode(message with { Signature = forged });
            case 2:
                _outsider ??= new LocalKeySigner(Keccak256.HashToArray("ledger-sim-outsider"u8), _ecdsa);
                return ConsensusMessageCodec.Encode(ConsensusMessageSigning.SignPrepare(_outsider, TestValidators.ChainId, message.Height, message.Round, AlternativeHash((message.Height, message.Round))));
            case 3:
                return ConsensusMessageCodec.Encode(ConsensusMessageSigning.SignPrepare(node.Signer, TestValidators.ChainId, message.Height + 1_000, 0, Hash32.Zero));
            case 4:
                return ConsensusMessageCodec.Encode(ConsensusMessageSigning.SignRoundChange(node.Signer, TestValidators.ChainId, message.Height, message.Round + 1_000, null, null, []));
            default:
                return ConsensusMessageCodec.Encode(ConsensusMessageSigning.SignPrepare(node.Signer, TestValidators.ChainId, message.Height + 1, message.Round, AlternativeHash((message.Height, message.Round))));
        }
    }
}
