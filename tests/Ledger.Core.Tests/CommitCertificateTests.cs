using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

public class CommitCertificateTests
{
    private static readonly Address[] Validators = [TestKeys.Address(0), TestKeys.Address(1), TestKeys.Address(2), TestKeys.Address(3)];

    private static readonly BlockHeader Header = ChainBuilders.Header(round: 1, validators: Validators);

    private static CommitSeal Seal(int account, uint round = 1, Hash32? hash = null) =>
        CommitCertificates.CreateSeal(hash ?? Header.Hash, round, TestKeys.Key(account), Ecdsa.Default);

    private static bool Verify(CommitCertificate certificate, out string error) =>
        CommitCertificates.Verify(certificate, Header, Validators, Ecdsa.Default, out error);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(6, 4)]
    [InlineData(7, 5)]
    [InlineData(10, 7)]
    public void Quorum_is_the_ceiling_of_two_thirds(int n, int quorum) => Assert.Equal(quorum, CommitCertificates.Quorum(n));

    [Fact]
    public void The_seal_hash_is_keccak_of_the_documented_rlp()
    {
        var expected = Keccak256.Hash(new RlpWriter().StartList()
            .WriteBytes("ledger-commit-v1"u8).WriteHash(Header.Hash).WriteUInt64(1).EndList().ToArray());
        Assert.Equal(expected, CommitCertificates.SealHash(Header.Hash, 1));
    }

    [Fact]
    public void A_quorum_of_distinct_validator_seals_verifies()
    {
        Assert.True(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(2), Seal(3)]), out var error), error);
        Assert.True(Verify(new CommitCertificate(Header.Hash, 1, [Seal(3), Seal(2), Seal(1), Seal(0)]), out error), error);

        // n = 1: the single validator's own seal is the quorum (the `ledger dev` case).
        var single = ChainBuilders.Header(round: 1, validators: [TestKeys.Address(0)]);
        var certificate = new CommitCertificate(single.Hash, 1, [Seal(0, hash: single.Hash)]);
        Assert.True(CommitCertificates.Verify(certificate, single, [TestKeys.Address(0)], Ecdsa.Managed, out error), error);
    }

    [Fact]
    public void Seals_verify_with_both_implementations()
    {
        var seal = Seal(2);
        Assert.True(CommitCertificates.VerifySeal(Header.Hash, 1, seal, Ecdsa.Managed));
        Assert.True(CommitCertificates.VerifySeal(Header.Hash, 1, seal, EcdsaTests.Get("native")));
        Assert.False(CommitCertificates.VerifySeal(Header.Hash, 2, seal, Ecdsa.Default));
    }

    [Fact]
    public void Below_quorum_is_rejected()
    {
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1)]), out var error));
        Assert.Equal("2 seals, but a quorum of 4 validators is 3", error);
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, []), out _));
    }

    [Fact]
    public void A_duplicate_seal_is_rejected_even_when_it_would_reach_quorum()
    {
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), Seal(1)]), out var error));
        Assert.Contains("duplicates a seal from", error);
    }

    [Fact]
    public void A_seal_from_an_outsider_is_rejected()
    {
        var outsiderKey = TestKeys.RandomKey(new Random(1));
        var outsider = CommitCertificates.CreateSeal(Header.Hash, 1, outsiderKey, Ecdsa.Default);
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), Seal(2), outsider]), out var error));
        Assert.Contains("not a validator of this block", error);
    }

    [Fact]
    public void A_certificate_for_another_block_is_rejected()
    {
        var other = Keccak256.Hash("another block"u8);
        Assert.False(Verify(new CommitCertificate(other, 1, [Seal(0, hash: other), Seal(1, hash: other), Seal(2, hash: other)]), out var error));
        Assert.Contains("but the header hashes to", error);
    }

    [Fact]
    public void Seals_over_another_hash_or_round_are_rejected()
    {
        var other = Keccak256.Hash("another block"u8);
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), Seal(2, hash: other)]), out var error));
        Assert.Contains("seal 2", error);
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1, round: 0), Seal(2)]), out error));
        Assert.Contains("does not verify", error);
    }

    [Fact]
    public void A_tampered_signature_is_rejected()
    {
        var seal = Seal(2);
        var tampered = (byte[])seal.Signature65.Clone();
        tampered[10] ^= 0x01;
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), seal with { Signature65 = tampered }]), out var error));
        Assert.Contains("seal 2", error);
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), seal with { Signature65 = tampered[..64] }]), out _));
        var highRecoveryId = (byte[])seal.Signature65.Clone();
        highRecoveryId[64] = 27;
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), seal with { Signature65 = highRecoveryId }]), out _));
    }

    [Fact]
    public void A_seal_claimed_by_another_validator_is_rejected()
    {
        var stolen = Seal(2) with { Validator = TestKeys.Address(3) };
        Assert.False(Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), stolen]), out var error));
        Assert.Contains("does not verify", error);
    }

    [Fact]
    public void The_validator_set_must_be_the_one_the_header_commits_to()
    {
        Address[] reordered = [Validators[1], Validators[0], Validators[2], Validators[3]];
        Assert.False(CommitCertificates.Verify(new CommitCertificate(Header.Hash, 1, [Seal(0), Seal(1), Seal(2)]), Header, reordered, Ecdsa.Default, out var error));
        Assert.Contains("validatorSetHash", error);
        Assert.False(CommitCertificates.Verify(new CommitCertificate(Header.Hash, 1, []), Header, [], Ecdsa.Default, out error));
        Assert.Equal("the validator set is empty", error);
    }
}
