using Ledger.JsonRpc;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Consensus;

/// <summary>The backend side of qbft_proposeValidatorVote and qbft_getValidatorsByBlockNumber on a single-validator node.</summary>
public sealed class ValidatorBackendTests
{
    [Fact]
    public async Task A_single_validator_node_refuses_to_vote_and_says_why()
    {
        await using var fixture = new NodeFixture();

        var result = fixture.Node.Backend.ProposeValidatorVote(VotingChain.Validator(3), add: false, details: null);

        Assert.False(result.Accepted);
        Assert.Equal(JsonRpcErrorCode.InvalidInput, result.ErrorCode);
        Assert.Contains("not a consortium validator", result.Error);
    }

    [Fact]
    public async Task A_single_validator_node_refuses_a_member_vote_and_says_why()
    {
        await using var fixture = new NodeFixture();

        var result = fixture.Node.Backend.ProposeMemberVote(VotingChain.Validator(3), add: true, bank: "bank-a");

        Assert.False(result.Accepted);
        Assert.Contains("not a consortium validator", result.Error);
    }

    [Fact]
    public async Task The_validators_of_genesis_are_the_single_validator_and_a_future_block_has_none()
    {
        await using var fixture = new NodeFixture();

        Assert.Equal([NodeFixture.Genesis.Validators[0].Address], fixture.Node.Backend.GetValidators(0));
        Assert.Null(fixture.Node.Backend.GetValidators(fixture.Node.Backend.HeadNumber + 1));
    }
}
