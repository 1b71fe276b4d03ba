using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Consensus;
using Ledger.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Hosting;

/// <summary>
/// A consortium key that is not a validator runs a member node (DESIGN §10): when its data directory shows it on the
/// member allowlist, or when the operator says so with --member (voted in after the stored head). Its peer network dials
/// every validator (validators never dial members), and the allowlist is part of who may peer with every node.
/// </summary>
public sealed class MemberRoleTests
{
    private const int MemberKey = 20;

    [Fact]
    public async Task A_key_on_the_genesis_allowlist_runs_a_member_that_dials_every_validator()
    {
        using var chain = new VotingChain(g => g with { Members = [new MemberConfig("bank-a", DevKeys.Address(MemberKey))] });

        await using var node = Open(chain, MemberKey, new NodeOptions());

        var network = node.Network!;
        Assert.True(network.Options.DialEveryPeer);
        Assert.Equal(4, network.Options.Peers.Count);
        Assert.Contains(DevKeys.Address(MemberKey), node.Consensus!.ChainMembers());
        Assert.DoesNotContain(DevKeys.Address(MemberKey), node.Consensus.ValidatorsAt(1).Addresses);
    }

    [Fact]
    public async Task A_validator_admits_the_allowlisted_members_and_does_not_dial_them()
    {
        using var chain = new VotingChain(g => g with { Members = [new MemberConfig("bank-a", DevKeys.Address(MemberKey))] });

        await using var node = Open(chain, VotingChain.FirstValidatorKey, new NodeOptions());

        var options = node.Network!.Options;
        Assert.False(options.DialEveryPeer);
        Assert.Contains(DevKeys.Address(MemberKey), options.AllowedNodes);
        Assert.DoesNotContain(options.Peers, p => p.Address == DevKeys.Address(MemberKey));
    }

    [Fact]
    public async Task A_member_voted_in_by_a_majority_is_admitted_by_a_validator_opened_on_that_chain()
    {
        using var chain = new VotingChain();
        var member = DevKeys.Address(MemberKey);
        chain.Produce(chain.VoteAddMember(10, member), chain.VoteAddMember(11, member), chain.VoteAddMember(12, member));

        await using var node = Open(chain, VotingChain.FirstValidatorKey, new NodeOptions());

        Assert.Contains(member, node.Network!.Options.AllowedNodes);
    }

    [Fact]
    public async Task A_revoked_genesis_member_is_no_longer_admitted()
    {
        var member = DevKeys.Address(MemberKey);
        using var chain = new VotingChain(g => g with { Members = [new MemberConfig("bank-a", member)] });
        chain.Produce(chain.VoteRemoveMember(10, member), chain.VoteRemoveMember(11, member), chain.VoteRemoveMember(12, member));

        await using var node = Open(chain, VotingChain.FirstValidatorKey, new NodeOptions());

        Assert.DoesNotContain(member, node.Network!.Options.AllowedNodes);
    }

    [Fact]
    public void An_unlisted_key_is_refused_unless_the_operator_asks_for_a_member_node()
    {
        using var chain = new VotingChain();

        var error = Assert.Throws<NodeConfigurationException>(() => Open(chain, MemberKey, new NodeOptions()));

        Assert.Contains("nor a member node of the consortium's allowlist", error.Message, StringComparison.Ordinal);
        Assert.Contains("--member", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unlisted_key_with_member_requested_opens_as_a_member()
    {
        using var chain = new VotingChain();

        await using var node = Open(chain, MemberKey, new NodeOptions { Member = true });

        Assert.True(node.Network!.Options.DialEveryPeer);
    }

    private static LedgerNode Open(VotingChain chain, int devKey, NodeOptions options) =>
        LedgerNode.Open(
            chain.Genesis,
            new LocalKeySigner(DevKeys.PrivateKey(devKey), Ecdsa.Default),
            chain.Store,
            options,
            new RecordingFatalErrorHandler(),
            NullLoggerFactory.Instance);
}
