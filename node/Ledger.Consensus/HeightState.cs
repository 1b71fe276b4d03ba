using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>
/// Consensus state of the height being decided. Memory is bounded: rounds outside the window around the current
/// round are dropped, round changes are kept one (the highest) per validator, validation verdicts are capped.
/// </summary>
internal sealed class HeightState(ulong height, Hash32 parentHash, ConsensusValidatorSet validators, bool isLocalValidator)
{
    private const int MaxVerdicts = 256;
    private readonly SortedDictionary<uint, RoundState> _rounds = [];
    private readonly Dictionary<Hash32, bool> _verdicts = [];
    private readonly HashSet<Hash32> _validationRequested = [];

    public ulong Height { get; } = height;

    public Hash32 ParentHash { get; } = parentHash;

    public ConsensusValidatorSet Validators { get; } = validators;

    public bool IsLocalValidator { get; } = isLocalValidator;

    public uint Round { get; set; }

    public bool IsCommitted { get; set; }

    public IEnumerable<RoundState> Rounds => _rounds.Values;

    /// <summary>Each validator's highest verified ROUND-CHANGE (honest validators only move up).</summary>
    public Dictionary<Address, RoundChangeMessage> RoundChanges { get; } = [];


    public uint? PreparedRound { get; set; }

    public Block? PreparedBlock { get; set; }

    public IReadOnlyList<PrepareMessage> PreparedCertificate { get; set; } = [];

    public RoundState? FindRound(uint round) => _rounds.GetValueOrDefault(round);

    public RoundState GetOrAddRound(uint round)
    {
        if (!_rounds.TryGetValue(round, out var state))
        {
            state = new RoundState(round);
            _rounds.Add(round, state);
        }

        return state;
    }

    public void PruneRoundsBelow(uint minRound)
    {
        while (_rounds.Count > 0)
        {
            var first = _rounds.Keys.First();
            if (first >= minRound)
            {
                return;
            }

            _rounds.Remove(first);
        }
    }

    /// <summary>True the first time a block is sent for validation (capped like the verdicts).</summary>
    public bool MarkValidationRequested(Hash32 blockHash)
    {
        if (_validationRequested.Count >= MaxVerdicts && !_validationRequested.Contains(blockHash))
        {
            _validationRequested.Clear();
        }

        return _validationRequested.Add(blockHash);
    }

    public bool? VerdictOf(Hash32 blockHash) => _verdicts.TryGetValue(blockHash, out var valid) ? valid : null;

    public void SetVerdict(Hash32 blockHash, bool valid)
    {
        if (_verdicts.Count >= MaxVerdicts && !_verdicts.ContainsKey(blockHash))
        {
            _verdicts.Clear();
        }

        _verdicts[blockHash] = valid;
    }

    /// <summary>A block with this hash that this node holds: a proposal, a round change's prepared block, or its own lock.</summary>
    public Block? FindBlock(Hash32 blockHash)
    {
        foreach (var round in _rounds.Values)
        {
            if (round.Proposal is { } proposal && proposal.BlockHash == blockHash)
            {
                return proposal.Block;
            }
        }

        if (PreparedBlock is { } prepared && prepared.Header.Hash == blockHash)
        {
            return prepared;
        }

        foreach (var roundChange in RoundChanges.Values)
        {
            if (roundChange.PreparedBlock is { } block && block.Header.Hash == blockHash)
            {
                return block;
            }
        }

        return null;
    }
}
