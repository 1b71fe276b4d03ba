using Ledger.Core.Chain;

namespace Ledger.Network.Tests;

/// <summary>The node refuses to start with a block limit its peer messages could not carry.</summary>
public sealed class PeerMessageLimitTests
{
    [Fact]
    public void The_largest_block_genesis_allows_fits_the_default_peer_message_with_its_justification_or_certificate()
    {
        var options = TestKeys.Options(TestKeys.Validators[0]);

        Assert.Null(options.CheckBlockFits(BlockLimits.MaxBlockBytesCeiling, validators: 1024));
        Assert.Null(options.CheckBlockFits(8 * 1024 * 1024, validators: 4));
    }

    [Fact]
    public void A_block_limit_that_leaves_no_room_for_the_proposal_around_it_is_refused()
    {
        var options = TestKeys.Options(TestKeys.Validators[0]) with { MaxMessageBytes = 1024 * 1024 };

        var error = options.CheckBlockFits(1024 * 1024, validators: 4);

        Assert.NotNull(error);
        Assert.Contains("more than the peer message limit (1048576)", error);
    }

    [Theory]
    [InlineData(nameof(PeerNetworkOptions.InboundQueueBytes))]
    [InlineData(nameof(PeerNetworkOptions.OutboundQueueBytes))]
    public void A_queue_that_could_not_hold_one_maximum_message_is_refused(string option)
    {
        var options = TestKeys.Options(TestKeys.Validators[0]);
        options = option == nameof(PeerNetworkOptions.InboundQueueBytes)
            ? options with { InboundQueueBytes = options.MaxMessageBytes - 1 }
            : options with { OutboundQueueBytes = options.MaxMessageBytes - 1 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void A_batch_limit_below_the_largest_transaction_is_refused()
    {
        var options = TestKeys.Options(TestKeys.Validators[0]) with { MaxTransactionBatchBytes = 64 * 1024 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(nameof(PeerNetworkOptions.MaxTransactionBatchBytes), error.Message);
    }
}
