using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

internal sealed partial class Simulation
{
    private readonly Dictionary<ulong, Hash32> _finalised = [];
    private readonly Dictionary<(int Node, ConsensusMessageType Type, ulong Height, uint Round), Hash32> _votes = [];

    /// <summary>Stores a final block after checking every safety property it touches.</summary>
    private void Store(SimNode node, Block block, string source)
    {
        var header = block.Header;
        if (header.Number != (ulong)node.Chain.Count || header.ParentHash != node.Head.Header.Hash)
        {
            throw new SimulationFailedException(
                $"node {node.Index} got block {header.Number} ({source}) that does not extend its head {node.Chain.Count - 1}");
        }

        if (block.Certificate is not { } certificate)
        {
            throw new SimulationFailedException($"node {node.Index} stored block {header.Number} ({source}) without a certificate");
        }

        if (!CommitCertificates.Verify(certificate, header, ValidatorsAt(header.Number), _ecdsa, out var error))
        {
            throw new SimulationFailedException($"node {node.Index} block {header.Number} ({source}): certificate invalid: {error}");
        }

        if (certificate.Round != header.Round)
        {
            throw new SimulationFailedException($"block {header.Number}: header round {header.Round} != certificate round {certificate.Round}");
        }

        if (!_execution.IsValid(node, block, SetHashAt(header.Number)))
        {
            throw new SimulationFailedException($"node {node.Index} finalised invalid block {header.Number} ({source})");
        }

        if (!node.IsByzantine)
        {
            if (_finalised.TryGetValue(header.Number, out var existing) && existing != header.Hash)
            {
                throw new SimulationFailedException(
                    $"SAFETY: two final blocks at height {header.Number}: {existing} and {header.Hash} (node {node.Index}, {source})");
            }

            _finalised[header.Number] = header.Hash;
        }

        _execution.Commit(node, block);
        node.Chain.Add(block);
    }

    /// <summary>An honest validator never signs two different proposals or votes for one (height, round), restarts included.</summary>
    private void RecordVote(SimNode node, SignedConsensusMessage message)
    {
        Hash32? hash = message switch
        {
            ProposalMessage proposal => proposal.BlockHash,
            PrepareMessage prepare => prepare.BlockHash,
            CommitMessage commit => commit.BlockHash,
            _ => null,
        };
        if (node.IsByzantine || hash is not { } voted)
        {
            return;
        }

        var key = (node.Index, message.Type, message.Height, message.Round);
        if (_votes.TryGetValue(key, out var earlier) && earlier != voted)
        {
            throw new SimulationFailedException(
                $"SAFETY: node {node.Index} sent two different {message.Type}s for height {message.Height} round {message.Round}: {earlier} then {voted}");
        }

        _votes[key] = voted;
    }
}
