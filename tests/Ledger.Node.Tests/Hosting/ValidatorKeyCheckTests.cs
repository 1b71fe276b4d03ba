using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Consensus;
using Ledger.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Hosting;

/// <summary>
/// Which keys may run a consortium node: a genesis validator, or a key the node's own stored chain shows voted into the
/// next height's set (the restart step of the key rotation runbook); any other key is refused with the set it checked.
/// </summary>
public sealed class ValidatorKeyCheckTests
{
    private const int NewKey = 20;

    [Fact]
    public async Task A_key_voted_into_the_set_recorded_in_the_data_directory_may_run_the_node()
    {
        using var chain = new VotingChain();
        chain.Produce(chain.VoteAdd(10, DevKeys.Address(NewKey)), chain.VoteAdd(11, DevKeys.Address(NewKey)), chain.VoteAdd(12, DevKeys.Address(NewKey)));
        Assert.Contains(DevKeys.Address(NewKey), chain.ValidatorsAt(chain.Chain.HeadNumber + 1));

        await using var node = Open(chain, NewKey);

        Assert.Equal(DevKeys.Address(NewKey), node.Consensus!.Validator);
    }

    [Fact]
    public void A_key_neither_in_genesis_nor_voted_in_is_refused_naming_the_set_it_was_checked_against()
    {
        using var chain = new VotingChain();
        chain.Produce(chain.VoteAdd(10, DevKeys.Address(NewKey))); // one vote of four: not a majority

        var error = Assert.Throws<NodeConfigurationException>(() => Open(chain, NewKey));

        Assert.Contains($"{DevKeys.Address(NewKey).ToChecksumString()} is not a validator of this genesis nor of the set this data directory records for block 2", error.Message);
        Assert.Contains(DevKeys.Address(13).ToChecksumString(), error.Message);
    }

    private static LedgerNode Open(VotingChain chain, int devKey) =>
        LedgerNode.Open(
            chain.Genesis,
            new LocalKeySigner(DevKeys.PrivateKey(devKey), Ecdsa.Default),
            chain.Store,
            new NodeOptions(),
            new RecordingFatalErrorHandler(),
            NullLoggerFactory.Instance);
}
