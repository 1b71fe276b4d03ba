using Ledger.Core.Chain;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Node.Consensus;

/// <summary>The validators that certify block <paramref name="Height"/>, in proposer order, and their set hash.</summary>
public sealed record ValidatorSetSnapshot(ulong Height, IReadOnlyList<ValidatorConfig> Validators)
{
    public IReadOnlyList<Address> Addresses { get; } = [.. Validators.Select(v => v.Address)];

    /// <summary>What the block header's <c>ValidatorSetHash</c> must be.</summary>
    public Hash32 Hash { get; } = ValidatorSet.ComputeHash([.. Validators.Select(v => v.Address)]);
}
