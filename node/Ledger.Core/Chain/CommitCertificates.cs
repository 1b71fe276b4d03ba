using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// Commit seals and certificate verification. A seal is a validator's signature over
/// <c>Keccak256(rlp(["ledger-commit-v1", blockHash, round]))</c> as 65 bytes r ‖ s ‖ recId; the domain string keeps
/// a seal from being replayed as any other signed message of the protocol.
/// </summary>
public static class CommitCertificates
{
    public const string Domain = "ledger-commit-v1";

    /// <summary>⌈2n/3⌉: any two quorums share at least f + 1 validators, so one of them is honest.</summary>
    public static int Quorum(int validatorCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validatorCount);
        return ((2 * validatorCount) + 2) / 3;
    }

    public static Hash32 SealHash(Hash32 blockHash, uint round)
    {
        var writer = new RlpWriter(64);
        writer.StartList().WriteBytes(System.Text.Encoding.ASCII.GetBytes(Domain)).WriteHash(blockHash).WriteUInt64(round).EndList();
        return Keccak256.Hash(writer.WrittenSpan);
    }

    public static CommitSeal CreateSeal(Hash32 blockHash, uint round, ReadOnlySpan<byte> privateKey, IEcdsa ecdsa)
    {
        Span<byte> hash = stackalloc byte[32];
        SealHash(blockHash, round).WriteTo(hash);
        var signature = ecdsa.Sign(hash, privateKey);
        return new CommitSeal(ecdsa.AddressOf(privateKey), signature.ToBytes65());
    }

    /// <summary>True when the seal is 65 bytes with recovery id 0/1 and recovers to its claimed validator.</summary>
    public static bool VerifySeal(Hash32 blockHash, uint round, CommitSeal seal, IEcdsa ecdsa)
    {
        var signature = seal.Signature65;
        if (signature is null || signature.Length != 65)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SealHash(blockHash, round).WriteTo(hash);
        return ecdsa.TryRecoverAddress(hash, signature.AsSpan(0, 32), signature.AsSpan(32, 32), signature[64], out var signer)
            && signer == seal.Validator;
    }

    /// <summary>
    /// Checks that <paramref name="certificate"/> proves <paramref name="header"/> final under
    /// <paramref name="validators"/> (the set whose hash the header carries): the hashes match, every seal is from
    /// a distinct member and verifies, and there are at least <see cref="Quorum"/> of them. Any bad seal fails the
    /// whole certificate: a valid certificate never needs to carry one.
    /// </summary>
    public static bool Verify(
        CommitCertificate certificate, BlockHeader header, IReadOnlyList<Address> validators, IEcdsa ecdsa, out string error)
    {
        error = string.Empty;
        if (validators.Count == 0)
        {
            error = "the validator set is empty";
            return false;
        }

        if (ValidatorSet.ComputeHash(validators) != header.ValidatorSetHash)
        {
            error = $"the validator set does not match the header's validatorSetHash {header.ValidatorSetHash}";
            return false;
        }

        if (certificate.BlockHash != header.Hash)
        {
            error = $"the certificate is for block {certificate.BlockHash}, but the header hashes to {header.Hash}";
            return false;
        }

        var seen = new HashSet<Address>();
        for (var i = 0; i < certificate.Seals.Count; i++)
        {
            var seal = certificate.Seals[i];
            if (!Contains(validators, seal.Validator))
            {
                error = $"seal {i} is from {seal.Validator}, which is not a validator of this block";
                return false;
            }

            if (!seen.Add(seal.Validator))
            {
                error = $"seal {i} duplicates a seal from {seal.Validator}";
                return false;
            }

            if (!VerifySeal(certificate.BlockHash, certificate.Round, seal, ecdsa))
            {
                error = $"seal {i} from {seal.Validator} does not verify for block {certificate.BlockHash} round {certificate.Round}";
                return false;
            }
        }

        var quorum = Quorum(validators.Count);
        if (seen.Count < quorum)
        {
            error = $"{seen.Count} seals, but a quorum of {validators.Count} validators is {quorum}";
            return false;
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<Address> validators, Address address)
    {
        for (var i = 0; i < validators.Count; i++)
        {
            if (validators[i] == address)
            {
                return true;
            }
        }

        return false;
    }
}
