using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Network.Sync;

namespace Ledger.Network.Tests;

/// <summary>Sync servers (validators serving a block source) and a client that records what it applied.</summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly List<NetworkNode> _servers = [];

    public List<Block> Applied { get; } = [];

    public async Task<PeerEndpoint> Serve(int validator, Func<ulong, byte[]?>? source)
    {
        var node = await NetworkNode.StartAsync(TestKeys.Options(TestKeys.Validators[validator]) with { BlockSource = source });
        node.Network.Start();
        _servers.Add(node);
        return node.Endpoint;
    }

    public Task<BlockSyncResult> Sync(
        IReadOnlyList<PeerEndpoint> peers,
        TestChain chain,
        IConsensusSigner? client = null,
        uint perRequest = 4,
        SyncedBlockHandler? apply = null,
        long maxBlockBytes = long.MaxValue)
    {
        var sync = new BlockSyncClient(TestKeys.Options(client ?? TestKeys.Validators[1]));
        return sync.SyncAsync(peers, new BlockSyncRequest
        {
            FromHeight = 1,
            ParentHash = chain[0].Header.Hash,
            ValidatorsAt = _ => TestKeys.ValidatorAddresses,
            Apply = apply ?? Record,
            BlocksPerRequest = perRequest,
            MaxBlockBytes = maxBlockBytes,
        }, CancellationToken.None);
    }

    public ValueTask Record(Block block, CancellationToken cancellationToken)
    {
        Applied.Add(block);
        return ValueTask.CompletedTask;
    }

    public IEnumerable<Hash32> AppliedHashes => Applied.Select(b => b.Header.Hash);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
