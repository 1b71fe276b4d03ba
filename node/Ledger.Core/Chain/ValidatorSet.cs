using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>Validator-set commitments carried in every header.</summary>
public static class ValidatorSet
{
    /// <summary>Keccak-256 of the concatenated 20-byte addresses, in genesis order (order matters: it fixes proposer rotation).</summary>
    public static Hash32 ComputeHash(IReadOnlyList<Address> validators)
    {
        var bytes = new byte[validators.Count * Address.Length];
        for (var i = 0; i < validators.Count; i++)
        {
            validators[i].WriteTo(bytes.AsSpan(i * Address.Length));
        }

        return Keccak256.Hash(bytes);
    }
}
