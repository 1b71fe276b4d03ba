using Ledger.Contracts.Validators;

namespace Ledger.Node.Tests.Consensus;

/// <summary>
/// The Validators module on the repo genesis, executed for real: a majority of the current set changes it, the change
/// certifies blocks from the next block on, and the history answers any height.
/// </summary>
public sealed class ValidatorVotingTests : IDisposable
{
    private const int A = VotingChain.FirstValidatorKey;
    private const int B = A + 1;
    private const int C = A + 2;
    private const int D = A + 3;
    private readonly VotingChain _chain = new();

    [Fact]
    public void Three_of_four_votes_remove_a_validator_from_the_block_after_the_third_vote()
    {
        var d = VotingChain.Validator(3);
        var first = _chain.Produce(_chain.VoteRemove(A, d), _chain.VoteRemove(B, d));
        Assert.All(first, r => Assert.True(r.Success));
        Assert.Equal(4, _chain.ValidatorsAt(2).Count);

        var second = _chain.Produce(_chain.VoteRemove(C, d));

        Assert.True(second[0].Success);
        Assert.Equal(4, _chain.ValidatorsAt(2).Count); // block 2 itself is still certified by four
        Assert.Equal([VotingChain.Validator(0), VotingChain.Validator(1), VotingChain.Validator(2)], _chain.ValidatorsAt(3));
        Assert.Equal([3UL], _chain.History.ChangeHeights(_chain.Chain.LatestState));
        Assert.Equal(4, _chain.ValidatorsAt(1).Count);
    }

    [Fact]
    public void Two_of_four_votes_are_not_a_majority()
    {
        var d = VotingChain.Validator(3);
        _chain.Produce(_chain.VoteRemove(A, d), _chain.VoteRemove(D, d));

        Assert.Equal(4, _chain.ValidatorsAt(2).Count);
        Assert.Empty(_chain.History.ChangeHeights(_chain.Chain.LatestState));
    }

    [Fact]
    public void A_removed_validators_pending_vote_no_longer_counts()
    {
        var newcomer = Core.Crypto.DevKeys.Address(19);
        var d = VotingChain.Validator(3);
        _chain.Produce(_chain.VoteAdd(D, newcomer), _chain.VoteRemove(A, d), _chain.VoteRemove(B, d), _chain.VoteRemove(C, d));
        Assert.Equal(3, _chain.ValidatorsAt(2).Count);

        // With D gone, A's vote is 1 of the 2 needed: D's earlier vote for the same newcomer is void.
        var afterA = _chain.Produce(_chain.VoteAdd(A, newcomer));
        Assert.True(afterA[0].Success);
        Assert.DoesNotContain(newcomer, _chain.ValidatorsAt(3));

        _chain.Produce(_chain.VoteAdd(B, newcomer));
        Assert.Equal(newcomer, _chain.ValidatorsAt(4)[^1]);
        Assert.Equal(4, _chain.ValidatorsAt(4).Count);
        var joined = _chain.History.At(_chain.Chain.LatestState, 4)[^1];
        Assert.Equal(("bank-d", "127.0.0.1", 50_999, 8_599), (joined.Bank, joined.Host, joined.GrpcPort, joined.RpcPort));
    }

    [Fact]
    public void Adding_back_a_removed_validator_restores_the_old_set_and_keeps_the_history()
    {
        var d = VotingChain.Validator(3);
        _chain.Produce(_chain.VoteRemove(A, d), _chain.VoteRemove(B, d), _chain.VoteRemove(C, d));
        _chain.Produce(_chain.VoteAdd(A, d), _chain.VoteAdd(B, d));

        Assert.Equal(4, _chain.ValidatorsAt(1).Count);
        Assert.Equal(3, _chain.ValidatorsAt(2).Count);
        Assert.Equal(4, _chain.ValidatorsAt(3).Count);
        Assert.Equal([2UL, 3UL], _chain.History.ChangeHeights(_chain.Chain.LatestState));
    }

    [Fact]
    public void A_vote_from_a_key_outside_the_set_reverts_with_a_clear_reason()
    {
        var receipt = _chain.Produce(_chain.VoteRemove(0, VotingChain.Validator(3)))[0];

        Assert.Contains("is not a validator of the current set", VotingChain.RevertReason(receipt));
        Assert.Equal(4, _chain.ValidatorsAt(2).Count);
    }

    [Fact]
    public void Voting_twice_reverts_and_counts_once()
    {
        var d = VotingChain.Validator(3);
        var receipts = _chain.Produce(_chain.VoteRemove(A, d), _chain.VoteRemove(A, d), _chain.VoteRemove(B, d));

        Assert.Contains("already voted", VotingChain.RevertReason(receipts[1]));
        Assert.Equal(4, _chain.ValidatorsAt(2).Count);
    }

    [Theory]
    [InlineData("bank-z", "127.0.0.1", 50_000UL, "is not a bank of this consortium")]
    [InlineData("bank-a", "", 50_000UL, "must be a host name")]
    [InlineData("bank-a", "127.0.0.1", 0UL, "is not a TCP port")]
    [InlineData("bank-a", "127.0.0.1", 70_000UL, "is not a TCP port")]
    public void An_add_with_bad_details_reverts_and_says_which(string bank, string host, ulong grpcPort, string expected)
    {
        var receipt = _chain.Produce(_chain.VoteAdd(A, Core.Crypto.DevKeys.Address(19), bank, host, grpcPort))[0];

        Assert.Contains(expected, VotingChain.RevertReason(receipt));
    }

    [Fact]
    public void Removing_someone_who_is_not_a_validator_or_adding_a_member_reverts()
    {
        var receipts = _chain.Produce(_chain.VoteRemove(A, Core.Crypto.DevKeys.Address(19)), _chain.VoteAdd(A, VotingChain.Validator(2)));

        Assert.Contains("is not a validator of the current set", VotingChain.RevertReason(receipts[0]));
        Assert.Contains("is already a validator", VotingChain.RevertReason(receipts[1]));
    }

    [Fact]
    public void The_majority_is_more_than_half_of_the_current_set()
    {
        Assert.Equal([1, 2, 2, 3, 3, 4], new[] { 1, 2, 3, 4, 5, 6 }.Select(ValidatorsModule.Majority));
    }

    public void Dispose() => _chain.Dispose();
}
