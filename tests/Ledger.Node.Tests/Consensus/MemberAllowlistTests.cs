using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Node.Tests.Consensus;

/// <summary>
/// The member node allowlist in the Validators module, executed for real on the repo genesis: genesis members are in
/// state from block 0 (and the genesis state root commits to them), a majority of the current validators admits or
/// revokes a member, and everything else reverts with a reason.
/// </summary>
public sealed class MemberAllowlistTests
{
    private const int A = VotingChain.FirstValidatorKey;
    private const int B = A + 1;
    private const int C = A + 2;
    private static readonly Address Member = DevKeys.Address(20);
    private static readonly Address Newcomer = DevKeys.Address(21);

    private static VotingChain WithMember() => new(g => g with { Members = [new MemberConfig("bank-a", Member)] });

    [Fact]
    public void Genesis_members_are_on_the_list_from_block_zero_and_the_genesis_state_root_commits_to_them()
    {
        using var listed = WithMember();
        using var plain = new VotingChain();

        Assert.Equal([Member], listed.Members());
        Assert.Empty(plain.Members());
        Assert.NotEqual(plain.Chain.Head.Header.StateRoot, listed.Chain.Head.Header.StateRoot);
    }

    [Fact]
    public void Three_of_four_validators_admit_a_member_and_two_do_not()
    {
        using var chain = WithMember();
        var two = chain.Produce(chain.VoteAddMember(A, Newcomer), chain.VoteAddMember(B, Newcomer));
        Assert.All(two, r => Assert.True(r.Success));
        Assert.DoesNotContain(Newcomer, chain.Members());

        var third = chain.Produce(chain.VoteAddMember(C, Newcomer));

        Assert.True(third[0].Success);
        Assert.Equal([Member, Newcomer], chain.Members());
        Assert.Equal(4, chain.ValidatorsAt(chain.Chain.HeadNumber + 1).Count); // members never join the validator set
    }

    [Fact]
    public void A_majority_revokes_a_member()
    {
        using var chain = WithMember();
        chain.Produce(chain.VoteRemoveMember(A, Member), chain.VoteRemoveMember(B, Member));
        Assert.Equal([Member], chain.Members());

        chain.Produce(chain.VoteRemoveMember(C, Member));

        Assert.Empty(chain.Members());
    }

    [Fact]
    public void Votes_for_another_bank_do_not_count_towards_the_same_admission()
    {
        using var chain = WithMember();
        chain.Produce(chain.VoteAddMember(A, Newcomer, "bank-b"), chain.VoteAddMember(B, Newcomer, "bank-c"), chain.VoteAddMember(C, Newcomer, "bank-b"));
        Assert.DoesNotContain(Newcomer, chain.Members());
    }

    [Theory]
    [InlineData("outsider")]
    [InlineData("validator")]
    [InlineData("listed")]
    [InlineData("bank")]
    [InlineData("twice")]
    [InlineData("unlisted-removal")]
    public void Bad_member_votes_revert_with_a_clear_reason(string kind)
    {
        using var chain = WithMember();
        if (kind == "twice")
        {
            chain.Produce(chain.VoteAddMember(A, Newcomer));
        }

        var (vote, reason) = kind switch
        {
            "outsider" => (chain.VoteAddMember(0, Newcomer), "is not a validator of the current set"),
            "validator" => (chain.VoteAddMember(A, VotingChain.Validator(3)), "is a validator"),
            "listed" => (chain.VoteAddMember(A, Member, "bank-a"), "is already a member node"),
            "bank" => (chain.VoteAddMember(A, Newcomer, "bank-z"), "bank 'bank-z' is not a bank of this consortium"),
            "twice" => (chain.VoteAddMember(A, Newcomer), "already voted to add member"),
            _ => (chain.VoteRemoveMember(A, Newcomer), "is not a member node"),
        };

        var receipt = chain.Produce(vote)[0];

        Assert.Contains(reason, VotingChain.RevertReason(receipt), StringComparison.Ordinal);
        Assert.Equal(kind == "twice" ? [Member] : [Member], chain.Members());
    }
}
