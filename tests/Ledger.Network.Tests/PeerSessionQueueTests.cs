using Google.Protobuf;
using Grpc.Core;
using Ledger.Network.Protos;

namespace Ledger.Network.Tests;

/// <summary>The per-peer writer: consensus first, gossip merged behind it, both queues bounded on their own.</summary>
public sealed class PeerSessionQueueTests
{
    [Fact]
    public async Task Queued_consensus_messages_are_written_before_gossip_queued_earlier()
    {
        var session = NewSession(TestKeys.Options(TestKeys.Validators[0]));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(session.TryEnqueueGossip(Gossip((byte)i), 100));
        }

        Assert.True(session.TryEnqueue(Consensus(), 10, out _));
        var output = new RecordingWriter();

        var running = session.RunAsync(new SilentReader(), output, (_, _) => { });
        await Eventually.True(() => output.Count == 2, "both queues were written");
        session.Close("test over");
        await running;

        Assert.Equal(PeerEnvelope.BodyOneofCase.Consensus, output.Written[0].BodyCase);
        Assert.Equal([0, 1, 2], output.Written[1].Transactions.Transactions.Select(t => (int)t[0]));
    }

    [Fact]
    public void A_full_gossip_queue_refuses_gossip_but_leaves_the_consensus_queue_and_the_session_alone()
    {
        var session = NewSession(TestKeys.Options(TestKeys.Validators[0]) with { GossipQueueCapacity = 16 });
        for (var i = 0; i < 16; i++)
        {
            Assert.True(session.TryEnqueueGossip(Gossip((byte)i), 100));
        }

        Assert.False(session.TryEnqueueGossip(Gossip(99), 100));
        Assert.True(session.TryEnqueue(Consensus(), 10, out var overflowed));
        Assert.False(overflowed);
        Assert.False(session.IsClosed);
    }

    [Fact]
    public void The_gossip_queue_is_bounded_in_bytes_as_well_as_count()
    {
        var options = TestKeys.Options(TestKeys.Validators[0]) with { GossipQueueBytes = 1024 * 1024 };
        var session = NewSession(options);

        Assert.True(session.TryEnqueueGossip(Gossip(1), 700 * 1024));
        Assert.False(session.TryEnqueueGossip(Gossip(2), 400 * 1024));
        Assert.True(session.TryEnqueueGossip(Gossip(3), 300 * 1024));
    }

    [Fact]
    public async Task A_full_consensus_queue_closes_the_session_as_too_slow()
    {
        var options = TestKeys.Options(TestKeys.Validators[0]) with { OutboundQueueCapacity = 16 };
        var session = NewSession(options);
        for (var i = 0; i < 16; i++)
        {
            Assert.True(session.TryEnqueue(Consensus(), 10, out _));
        }

        Assert.False(session.TryEnqueue(Consensus(), 10, out var overflowed));
        Assert.True(overflowed);
        await Eventually.True(() => session.IsClosed, "the session closes itself");
        Assert.Contains("outbound queue full", session.CloseReason);
    }

    private static PeerSession NewSession(PeerNetworkOptions options) =>
        new(TestKeys.ValidatorAddresses[1], dialed: true, options, () => { }, CancellationToken.None);

    private static PeerEnvelope Gossip(byte marker) =>
        new() { Transactions = new TransactionBatch { Transactions = { ByteString.CopyFrom(marker, 2, 3) } } };

    private static PeerEnvelope Consensus() =>
        new() { Consensus = new ConsensusPayload { Message = ByteString.CopyFrom(1, 2, 3) } };

    private sealed class RecordingWriter : IAsyncStreamWriter<PeerEnvelope>
    {
        private readonly List<PeerEnvelope> _written = [];

        public WriteOptions? WriteOptions { get; set; }

        public int Count
        {
            get
            {
                lock (_written)
                {
                    return _written.Count;
                }
            }
        }

        public List<PeerEnvelope> Written
        {
            get
            {
                lock (_written)
                {
                    return [.. _written];
                }
            }
        }

        public Task WriteAsync(PeerEnvelope message, CancellationToken cancellationToken) => WriteAsync(message);

        public Task WriteAsync(PeerEnvelope message)
        {
            lock (_written)
            {
                _written.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A peer that sends nothing until the session closes.</summary>
    private sealed class SilentReader : IAsyncStreamReader<PeerEnvelope>
    {
        public PeerEnvelope Current => throw new InvalidOperationException("nothing was read");

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return false;
        }
    }
}
