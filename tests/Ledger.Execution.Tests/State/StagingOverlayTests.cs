using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Tests.State;

public sealed class StagingOverlayTests
{
    private static readonly Address Ns = Address.Parse("0x00000000000000000000000000000000000c0001");

    [Fact]
    public void Reads_fall_through_to_the_parent_until_written_and_deletes_hide_the_parent()
    {
        var block = new StagingOverlay(EmptyStateView.Instance);
        block.Set(Ns, "a"u8, "1"u8);
        var tx = new StagingOverlay(block);

        Assert.Equal("1"u8.ToArray(), tx.Get(Ns, "a"u8));
        tx.Delete(Ns, "a"u8);
        Assert.Null(tx.Get(Ns, "a"u8));
        Assert.Equal("1"u8.ToArray(), block.Get(Ns, "a"u8));
    }

    [Fact]
    public void Merge_folds_writes_into_the_parent_and_clear_drops_them()
    {
        var block = new StagingOverlay(EmptyStateView.Instance);
        var kept = new StagingOverlay(block);
        kept.Set(Ns, "a"u8, "1"u8);
        kept.MergeInto(block);
        var dropped = new StagingOverlay(block);
        dropped.Set(Ns, "b"u8, "2"u8);
        dropped.Clear();

        Assert.Equal("1"u8.ToArray(), block.Get(Ns, "a"u8));
        Assert.Null(block.Get(Ns, "b"u8));
        Assert.Equal(1, block.Count);
    }

    [Fact]
    public void A_returned_value_can_be_mutated_without_changing_the_staged_value()
    {
        var overlay = new StagingOverlay(EmptyStateView.Instance);
        overlay.Set(Ns, "a"u8, [1, 2, 3]);

        overlay.Get(Ns, "a"u8)![0] = 99;

        Assert.Equal([1, 2, 3], overlay.Get(Ns, "a"u8));
    }

    [Fact]
    public void Nonces_live_in_the_system_namespace()
    {
        var account = Address.Parse("0x00000000000000000000000000000000000000aa");
        var overlay = new StagingOverlay(EmptyStateView.Instance);

        overlay.SetNonce(account, 7);

        Assert.Equal(7UL, overlay.GetNonce(account));
        var change = Assert.Single(overlay.ToChangeSet());
        Assert.Equal(Address.Zero, change.Namespace);
        Assert.Equal(account.ToArray(), change.Key);
    }

    [Fact]
    public void Deleting_a_key_the_parent_never_had_is_not_a_change()
    {
        var overlay = new StagingOverlay(EmptyStateView.Instance);
        overlay.Delete(Ns, "ghost"u8);

        Assert.Empty(overlay.ToChangeSet());
    }

    [Fact]
    public void Keys_longer_than_the_stack_buffer_work()
    {
        var key = new byte[600];
        key[599] = 1;
        var overlay = new StagingOverlay(EmptyStateView.Instance);
        overlay.Set(Ns, key, "v"u8);

        Assert.Equal("v"u8.ToArray(), overlay.Get(Ns, key));
    }
}
