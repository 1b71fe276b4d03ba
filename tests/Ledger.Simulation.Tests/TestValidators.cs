using Ledger.Consensus;
using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Persistence;
using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Simulation.Tests.Simulation;

namespace Ledger.Simulation.Tests;

/// <summary>n validators with real keys, and helpers to hand-craft their messages for machine-level scenarios.</summary>
internal sealed class TestValidators
{
    public TestValidators(int count)
    {
        Signers = [.. Enumerable.Range(0, count).Select(i =>
            new LocalKeySigner(Keccak256.HashToArray(System.Text.Encoding.ASCII.GetBytes($"ledger-test-validator-{i}")), Ecdsa.Default))];
        Addresses = [.. Signers.Select(s => s.Address)];
        Genesis = SimBlocks.Genesis(Addresses);
    }

    public IReadOnlyList<LocalKeySigner> Signers { get; }

    public IReadOnlyList<Address> Addresses { get; }

    public Block Genesis { get; }

    /// <summary>The chain every test message is signed for (the dev genesis id).</summary>
    public const ulong ChainId = 4242;

    public static QbftOptions Options { get; } = new() { BaseRoundTimeoutMs = 1_000, MaxRoundTimeoutMs = 8_000 };

    public QbftStateMachine Machine(int index, LockState? persisted = null) => new(Signers[index], Ecdsa.Default, ChainId, Options, persisted);

    public StartHeight Start(ulong height = 1) => new(height, Genesis.Header.Hash, Addresses);

    public QbftStateMachine Started(int index, LockState? persisted = null)
    {
        var machine = Machine(index, persisted);
        machine.Handle(Start());
        return machine;
    }

    public Block Block(int proposer, ulong payload, ulong height = 1) =>
        SimBlocks.Make(height, Genesis.Header.Hash, Addresses[proposer], 0, 1_000 + payload, payload, ValidatorSet.ComputeHash(Addresses), valid: true);

    public ProposalMessage Proposal(int proposer, uint round, Block block, IReadOnlyList<RoundChangeMessage>? justification = null, IReadOnlyList<PrepareMessage>? prepared = null) =>
        ConsensusMessageSigning.SignProposal(Signers[proposer], ChainId, 1, round, block, justification ?? [], prepared ?? []);

    public PrepareMessage Prepare(int sender, uint round, Hash32 hash, ulong height = 1) =>
        ConsensusMessageSigning.SignPrepare(Signers[sender], ChainId, height, round, hash);

    public CommitMessage Commit(int sender, uint round, Hash32 hash) => ConsensusMessageSigning.SignCommit(Signers[sender], ChainId, 1, round, hash);

    public RoundChangeMessage RoundChange(int sender, uint round, PreparedClaim? claim = null, Block? block = null, IReadOnlyList<PrepareMessage>? certificate = null) =>
        ConsensusMessageSigning.SignRoundChange(Signers[sender], ChainId, 1, round, claim, block, certificate ?? []);

    public static IReadOnlyList<ConsensusAction> Receive(QbftStateMachine machine, SignedConsensusMessage message) =>
        machine.Handle(new MessageReceived(message));

    public static List<T> Sent<T>(IEnumerable<ConsensusAction> actions)
        where T : SignedConsensusMessage =>
        [.. actions.OfType<Broadcast>().Select(b => b.Message).OfType<T>()];
}
