using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Messages;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using static Ledger.Simulation.Tests.TestValidators;

namespace Ledger.Simulation.Tests;

/// <summary>
/// Consensus signatures are bound to the chain id: a validator key that also serves another chain (a testnet with the
/// same keys, say) cannot have its votes there replayed here.
/// </summary>
public sealed class ChainIdBindingTests
{
    private const ulong OtherChainId = 4243;
    private readonly TestValidators _validators = new(4);

    [Fact]
    public void The_digest_differs_between_chains()
    {
        var prepare = _validators.Prepare(1, 0, Hash32.Zero);

        Assert.NotEqual(ConsensusMessageSigning.Digest(prepare, ChainId), ConsensusMessageSigning.Digest(prepare, OtherChainId));
    }

    [Fact]
    public void A_prepare_signed_for_chain_4243_is_refused_by_a_chain_4242_validator()
    {
        var machine = _validators.Started(0);
        var foreign = ConsensusMessageSigning.SignPrepare(_validators.Signers[1], OtherChainId, 1, 0, Hash32.Zero);

        Receive(machine, foreign);

        Assert.Equal(1, machine.RejectedMessages);
        Assert.Contains("not a validator", machine.LastRejection);
    }

    [Fact]
    public void A_commit_quorum_signed_for_another_chain_does_not_finalise_a_block()
    {
        var machine = _validators.Started(0);
        var block = _validators.Block(1, 7);
        Receive(machine, _validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        var actions = new List<ConsensusAction>();
        for (var sender = 1; sender < 4; sender++)
        {
            {
                actions.AddRange(Receive(machine, ConsensusMessageSigning.SignCommit(_validators.Signers[sender], OtherChainId, 1, 0, block.Header.Hash)));
            }
        }

        Assert.DoesNotContain(actions, a => a is CommitBlock);
        Assert.Equal(3, machine.RejectedMessages);
    }

    [Fact]
    public void The_same_commits_signed_for_this_chain_do_finalise_it()
    {
        var machine = _validators.Started(0);
        var block = _validators.Block(1, 7);
        Receive(machine, _validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        var actions = new List<ConsensusAction>();
        for (var sender = 1; sender < 4; sender++)
        {
            {
                actions.AddRange(Receive(machine, ConsensusMessageSigning.SignCommit(_validators.Signers[sender], ChainId, 1, 0, block.Header.Hash)));
            }
        }

        Assert.Contains(actions, a => a is CommitBlock);
        Assert.Equal(0, machine.RejectedMessages);
    }

    [Fact]
    public void A_machine_reports_the_chain_it_signs_for()
    {
        var machine = new Consensus.QbftStateMachine(_validators.Signers[0], Ecdsa.Default, OtherChainId);

        Assert.Equal(OtherChainId, machine.ChainId);
    }
}
