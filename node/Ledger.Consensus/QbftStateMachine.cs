using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Persistence;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>
/// The QBFT state machine of one validator (DESIGN.md §4): pure and deterministic — no I/O, clock or randomness.
/// Events go in through <see cref="Handle"/>; what the node must do comes back as an ordered list of actions. A bad
/// message is counted in <see cref="RejectedMessages"/> and dropped; exceptions mean a bug in the caller.
/// </summary>
public sealed partial class QbftStateMachine
{
    private readonly QbftOptions _options;
    private readonly IConsensusSigner _signer;
    private readonly SignatureVerifier _verifier;
    private readonly FutureMessageBuffer _future;
    private LockState? _restored;
    private HeightState? _state;
    private List<ConsensusAction> _actions = [];

    /// <param name="chainId">The chain every signed message is bound to; messages signed for another chain are refused.</param>
    /// <param name="persisted">The lock state last written by this validator; it is applied when its height starts.</param>
    public QbftStateMachine(IConsensusSigner signer, IEcdsa ecdsa, ulong chainId, QbftOptions? options = null, LockState? persisted = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(ecdsa);
        _options = options ?? QbftOptions.Default;
        _options.Validate();
        _signer = signer;
        ChainId = chainId;
        _verifier = new SignatureVerifier(ecdsa, chainId);
        _future = new FutureMessageBuffer(_options.MaxBufferedMessagesPerSender);
        _restored = persisted;
    }

    public Address LocalAddress => _signer.Address;

    /// <summary>The chain id in every digest this machine signs and checks.</summary>
    public ulong ChainId { get; }

    public bool IsStarted => _state is not null;

    public ulong Height => _state?.Height ?? 0;

    public uint Round => _state?.Round ?? 0;

    public bool IsHeightCommitted => _state?.IsCommitted ?? false;

    public int BufferedFutureMessages => _future.Count;

    public long RejectedMessages { get; private set; }

    /// <summary>Why the last message was dropped (for logs and tests).</summary>
    public string? LastRejection { get; private set; }

    public IReadOnlyList<ConsensusAction> Handle(ConsensusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actions = new List<ConsensusAction>();
        _actions = actions;
        switch (input)
        {
            case StartHeight start:
                OnStart(start);
                break;
            case MessageReceived received:
                OnMessage(received.Message ?? throw new ArgumentException("MessageReceived without a message", nameof(input)));
                break;
            case TimerExpired timer:
                OnTimer(timer);
                break;
            case BlockCandidateReady candidate:
                OnCandidate(candidate);
                break;
            case ProposalValidated validated:
                OnValidated(validated);
                break;
            case Committed committed:
                if (_state is { } current && committed.Height >= current.Height)
                {
                    current.IsCommitted = true;
                }

                break;
            default:
                throw new ArgumentException($"unknown consensus input {input.GetType().Name}", nameof(input));
        }

        Progress();
        _actions = [];
        return actions;
    }

    private void OnStart(StartHeight start)
    {
        if (_state is not null && start.Height <= _state.Height)
        {
            return;
        }

        var validators = new ConsensusValidatorSet(start.Validators);
        var state = new HeightState(start.Height, start.ParentHash, validators, validators.Contains(_signer.Address));
        _state = state;
        if (_restored is { } restored && restored.Height == start.Height)
        {
            // Resume where the last run voted: same round, same votes, same lock.
            state.Round = restored.Round;
            var round = state.GetOrAddRound(restored.Round);
            round.SentProposal = restored.SentProposal;
            round.SentPrepare = restored.SentPrepare;
            round.SentCommit = restored.SentCommit;
            if (restored is { PreparedRound: { } preparedRound, PreparedBlock: { } preparedBlock })
            {
                state.PreparedRound = preparedRound;
                state.PreparedBlock = preparedBlock;
                state.PreparedCertificate = restored.PreparedCertificate;
            }
        }

        _restored = null;
        Emit(new SetTimer(state.Height, state.Round, _options.RoundTimeoutMs(state.Round)));
        foreach (var message in _future.TakeHeight(state.Height))
        {
            OnMessage(message);
        }
    }

    private void OnTimer(TimerExpired timer)
    {
        if (_state is not { IsCommitted: false } state || timer.Height != state.Height || timer.Round != state.Round
            || state.Round == uint.MaxValue)
        {
            return;
        }

        MoveToRound(state.Round + 1, sendRoundChange: true);
    }

    private void OnCandidate(BlockCandidateReady candidate)
    {
        if (_state is not { IsCommitted: false } state || candidate.Height != state.Height || candidate.Round != state.Round)
        {
            return;
        }

        var round = state.FindRound(candidate.Round);
        if (round is not { CandidateRequested: true, SentProposal: null, Proposal: null })
        {
            return;
        }

        if (candidate.Block.Header.Number != state.Height || candidate.Block.Header.ParentHash != state.ParentHash)
        {
            throw new ArgumentException(
                $"block candidate {candidate.Block.Header.Number} on {candidate.Block.Header.ParentHash} does not extend height {state.Height} on {state.ParentHash}",
                nameof(candidate));
        }

        // The node built and executed its own candidate: it is valid by construction.
        state.SetVerdict(candidate.Block.Header.Hash, true);
        Propose(round, candidate.Block, round.CandidateJustification, []);
    }

    private void OnValidated(ProposalValidated validated)
    {
        if (_state is not { IsCommitted: false } state || validated.Height != state.Height)
        {
            return;
        }

        state.SetVerdict(validated.BlockHash, validated.IsValid);
    }

    /// <summary>Applies every rule that may now fire, until the round stops moving.</summary>
    private void Progress()
    {
        for (var pass = 0; pass < 16 && _state is { IsCommitted: false } state; pass++)
        {
            var round = state.Round;
            ApplyRoundChangeRules(state);
            TryPropose(state);
            if (state.FindRound(state.Round) is { } current)
            {
                TryAcceptProposal(state, current);
                TryPrepared(state, current);
            }

            TryCommit(state);
            if (state.Round == round)
            {
                return;
            }
        }
    }

    private void Emit(ConsensusAction action) => _actions.Add(action);

    private void Reject(string reason)
    {
        RejectedMessages++;
        LastRejection = reason;
    }

    private LockState Snapshot(HeightState state)
    {
        var round = state.FindRound(state.Round);
        return new LockState
        {
            Height = state.Height,
            Round = state.Round,
            SentProposal = round?.SentProposal,
            SentPrepare = round?.SentPrepare,
            SentCommit = round?.SentCommit,
            PreparedRound = state.PreparedRound,
            PreparedBlock = state.PreparedBlock,
            PreparedCertificate = state.PreparedCertificate,
        };
    }
}
