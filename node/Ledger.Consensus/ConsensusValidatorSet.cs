using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>
/// The validators of one height in their fixed order (which fixes proposer rotation) and the BFT arithmetic:
/// f = ⌊(n−1)/3⌋ tolerated faults, quorum = ⌈2n/3⌉, proposer = validators[(height + round) mod n].
/// </summary>
public sealed class ConsensusValidatorSet
{
    private readonly Address[] _validators;
    private readonly Dictionary<Address, int> _indexes;

    public ConsensusValidatorSet(IReadOnlyList<Address> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (validators.Count == 0)
        {
            throw new ArgumentException("a validator set needs at least one validator", nameof(validators));
        }

        _validators = [.. validators];
        _indexes = new Dictionary<Address, int>(_validators.Length);
        for (var i = 0; i < _validators.Length; i++)
        {
            if (!_indexes.TryAdd(_validators[i], i))
            {
                throw new ArgumentException($"validator {_validators[i]} is listed twice", nameof(validators));
            }
        }

        Quorum = CommitCertificates.Quorum(_validators.Length);
        MaxFaulty = (_validators.Length - 1) / 3;
    }

    public IReadOnlyList<Address> Addresses => _validators;

    public int Count => _validators.Length;

    public int Quorum { get; }

    /// <summary>f: how many Byzantine validators the set tolerates.</summary>
    public int MaxFaulty { get; }

    public bool Contains(Address address) => _indexes.ContainsKey(address);

    /// <summary>The validator's position, or −1.</summary>
    public int IndexOf(Address address) => _indexes.TryGetValue(address, out var index) ? index : -1;

    public Address ProposerFor(ulong height, uint round) =>
        _validators[(int)((height + round) % (ulong)_validators.Length)];
}
