using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Outbox;

namespace Ledger.Wallet.Tests;

/// <summary>The wallet's record of what it signed: kept across runs, forgotten one by one, never half-written.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ledger-outbox-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void What_was_added_is_read_back_by_a_later_run_until_removed()
    {
        var first = Sent(1, nonce: 4);
        var second = Sent(2, nonce: 5);
        new SentTransactions(_directory).Add(first);
        new SentTransactions(_directory).Add(second);

        var later = new SentTransactions(_directory);

        Assert.Equal([first.Hash, second.Hash], later.Load().Select(t => t.Hash));
        Assert.Equal(first.Raw, later.Find(first.Hash)!.Raw);
        Assert.Equal(6UL, later.NextNonce(first.From, 4242, committedNonce: 4));
        Assert.Equal(6UL, later.NextNonce(first.From, 4242, committedNonce: 5));
        Assert.Equal(3UL, later.NextNonce(first.From, 4242, committedNonce: 3)); // a hole at 3: nothing is pushed past it
        Assert.Equal(7UL, later.NextNonce(first.From, 4242, committedNonce: 7));
        Assert.Equal(4UL, later.NextNonce(first.From, 1, committedNonce: 4)); // another chain's outbox is not this one's
        Assert.True(later.Remove(first.Hash));
        Assert.False(later.Remove(first.Hash));
        Assert.Equal([second.Hash], new SentTransactions(_directory).Load().Select(t => t.Hash));
    }

    [Fact]
    public void The_outbox_file_is_readable_by_its_owner_only()
    {
        new SentTransactions(_directory).Add(Sent(1, nonce: 0));

        var mode = File.GetUnixFileMode(Path.Combine(_directory, "outbox.json"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void A_damaged_outbox_is_reported_in_plain_words()
    {
        File.WriteAllText(Path.Combine(_directory, "outbox.json"), "{ not json");

        var error = Assert.Throws<WalletException>(() => new SentTransactions(_directory).Load());

        Assert.Contains("is not a wallet outbox", error.Message, StringComparison.Ordinal);
    }

    private static SentTransaction Sent(byte marker, ulong nonce) =>
        new(Keccak256.Hash([marker]), DevKeys.Address(4), nonce, 4242, [0x02, marker], DateTimeOffset.UtcNow, $"test {marker}");
}
