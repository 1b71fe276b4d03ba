using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests;

/// <summary>
/// The repo's 4-bank genesis rewritten to free loopback gRPC ports, run as four real `ledger run` processes with the
/// dev validator keys (10-13). Nodes can be killed, restarted, or replaced by one with a fresh data folder.
/// </summary>
internal sealed class ConsensusCluster : IDisposable
{
    private const int FirstValidatorKey = 10;
    private readonly string _root;
    private readonly string _genesisPath;
    private readonly GenesisConfig _genesis;
    private readonly LedgerProcess?[] _nodes;
    private readonly Func<int, IReadOnlyList<string>>? _nodeArguments;
    private readonly Func<int, NodeKey?>? _keys;
    private int _dataFolders;

    private ConsensusCluster(Func<int, IReadOnlyList<string>>? nodeArguments, Func<int, NodeKey?>? keys, Func<GenesisConfig, GenesisConfig>? shapeGenesis)
    {
        _nodeArguments = nodeArguments;
        _keys = keys;
        _root = Directory.CreateTempSubdirectory("ledger-qbft-").FullName;
        var genesis = GenesisLoader.LoadFile(Path.Combine(RepoPaths.Root, "genesis.json"));
        _genesis = genesis with
        {
            Validators = [.. genesis.Validators.Select((v, i) => v with { GrpcPort = FreePort(), Address = keys?.Invoke(i)?.Address ?? v.Address })],
        };
        _genesis = shapeGenesis?.Invoke(_genesis) ?? _genesis;
        _genesisPath = Path.Combine(_root, "genesis.json");
        File.WriteAllText(_genesisPath, _genesis.ToJson());
        for (var i = 0; i < _genesis.Validators.Count; i++)
        {
            WritePrivate(KeyPath(i), "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(FirstValidatorKey + i)));
        }

        _nodes = new LedgerProcess?[_genesis.Validators.Count];
    }

    public int Count => _nodes.Length;

    /// <summary>
    /// Starts the four validators; <paramref name="nodeArguments"/> adds flags per validator index (e.g. peer TLS), and
    /// <paramref name="keys"/> gives a validator another key than its dev key file (a keystore or an HSM): the genesis
    /// then lists that key's address in its place.
    /// </summary>
    /// <remarks><paramref name="shapeGenesis"/> changes the genesis before it is written (e.g. lists member nodes).</remarks>
    public static ConsensusCluster Start(
        Func<int, IReadOnlyList<string>>? nodeArguments = null, Func<int, NodeKey?>? keys = null, Func<GenesisConfig, GenesisConfig>? shapeGenesis = null)
    {
        var cluster = new ConsensusCluster(nodeArguments, keys, shapeGenesis);
        try
        {
            for (var i = 0; i < cluster.Count; i++)
            {
                cluster.StartNode(i);
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The validator addresses in genesis (proposer) order.</summary>
    public IReadOnlyList<Core.Primitives.Address> Validators => _genesis.ValidatorAddresses();

    /// <summary>
    /// Starts `ledger run` with dev key <paramref name="devKey"/> (not a consortium member) on the cluster's genesis
    /// plus itself as a fifth validator, so it starts and dials the cluster's real validators.
    /// </summary>
    public LedgerProcess StartOutsider(int devKey)
    {
        var genesis = _genesis with
        {
            Validators = [.. _genesis.Validators, new ValidatorConfig(_genesis.Validators[0].Bank, DevKeys.Address(devKey), "127.0.0.1", FreePort(), FreePort())],
        };
        var genesisPath = Path.Combine(_root, "outsider-genesis.json");
        File.WriteAllText(genesisPath, genesis.ToJson());
        var keyPath = Path.Combine(_root, "outsider.key");
        WritePrivate(keyPath, "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(devKey)));
        return LedgerProcess.StartRun(genesisPath, keyPath, Path.Combine(_root, "data-outsider"), 0, genesis.Validators[^1].GrpcPort);
    }

    /// <summary>
    /// Starts `ledger run` with dev key <paramref name="devKey"/> on the cluster's own genesis (where it is no validator):
    /// a member node when the genesis or a vote lists it, else an outsider the validators refuse. It listens on a free
    /// gRPC port nobody dials (members dial the validators). <paramref name="extraArguments"/> are appended.
    /// </summary>
    public LedgerProcess StartMember(int devKey, IReadOnlyList<string>? extraArguments = null)
    {
        var keyPath = Path.Combine(_root, $"member-{devKey}.key");
        WritePrivate(keyPath, "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(devKey)));
        return LedgerProcess.StartRun(_genesisPath, keyPath, Path.Combine(_root, $"data-member-{devKey}"), 0, FreePort(), extraArguments);
    }

    public LedgerProcess Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");

    /// <summary>The folder the cluster's files live in (deleted on dispose).</summary>
    public string Root => _root;

    /// <summary>The genesis file the nodes run.</summary>
    public string GenesisPath => _genesisPath;

    /// <summary>Starts validator <paramref name="index"/> on a new, empty data folder.</summary>
    public void StartNode(int index) =>
        StartNodeOn(index, Path.Combine(_root, $"data-{index}-{Interlocked.Increment(ref _dataFolders).ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Starts validator <paramref name="index"/> (its usual key) on <paramref name="dataDirectory"/>, e.g. a restored backup.</summary>
    public void StartNodeOn(int index, string dataDirectory)
    {
        var key = _keys?.Invoke(index);
        _nodes[index] = LedgerProcess.StartRun(
            _genesisPath, key?.Arguments ?? ["--key", KeyPath(index)], dataDirectory, 0, _genesis.Validators[index].GrpcPort, _nodeArguments?.Invoke(index), key?.Environment);
    }

    /// <summary>A folder under the cluster's root (deleted with it) for backups, exports and restored data.</summary>
    public string Folder(string name) => Path.Combine(_root, name);

    /// <summary>Kills validator <paramref name="index"/> and deletes its data folder.</summary>
    public void Remove(int index)
    {
        _nodes[index]?.Dispose();
        _nodes[index] = null;
    }

    /// <summary>Waits until <paramref name="node"/>'s head is at least <paramref name="height"/>; returns its head.</summary>
    public static async Task<ulong> WaitForHeightAsync(LedgerProcess node, ulong height, TimeSpan timeout)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            ulong head;
            try
            {
                head = await rpc.BlockNumberAsync(CancellationToken.None);
            }
            catch (HttpRequestException ex)
            {
                // A node that failed says why in its output ("connection refused" alone does not); give it time to print it.
                await Task.Delay(2_000, CancellationToken.None);
                throw new InvalidOperationException(
                    $"node {node.RpcUrl} stopped answering while waiting for height {height} (running: {node.IsRunning}):\n{Tail(node.Output)}", ex);
            }

            if (head >= height)
            {
                return head;
            }

            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"node {node.RpcUrl} is at {head}, not at {height}, after {timeout.TotalSeconds:0} s:\n{Tail(node.Output)}");
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    /// <summary>
    /// Each node in <paramref name="voters"/> votes with <c>qbft_proposeValidatorVote</c> (<paramref name="vote"/> are its
    /// parameters); waits for every vote's receipt and returns the first block certified by the changed set.
    /// </summary>
    public async Task<ulong> VoteAsync(int[] voters, object?[] vote, TimeSpan patience)
    {
        var hashes = new List<string>();
        foreach (var n in voters)
        {
            using var rpc = new JsonRpcClient(Node(n).RpcUrl);
            hashes.Add((await rpc.CallAsync("qbft_proposeValidatorVote", vote)).GetString()!);
        }

        ulong last = 0;
        using (var rpc = new JsonRpcClient(Node(voters[0]).RpcUrl))
        {
            foreach (var hash in hashes)
            {
                var receipt = await rpc.WaitForReceiptAsync(hash, patience);
                Assert.Equal(1UL, receipt.GetQuantity("status"));
                last = Math.Max(last, receipt.GetQuantity("blockNumber"));
            }
        }

        return last + 1;
    }

    /// <summary>Every node has the same block hash and state root at every height up to the lowest head: no fork.</summary>
    public async Task AssertSameChainAsync(int[] nodes)
    {
        var clients = nodes.Select(n => new JsonRpcClient(Node(n).RpcUrl)).ToArray();
        try
        {
            var heads = new List<ulong>();
            foreach (var client in clients)
            {
                heads.Add(await client.BlockNumberAsync());
            }

            var common = heads.Min();
            var reference = await ChainReader.BlocksAsync(clients[0], common);
            for (var i = 1; i < clients.Length; i++)
            {
                var blocks = await ChainReader.BlocksAsync(clients[i], common);
                for (var h = 0; h <= (int)common; h++)
                {
                    Assert.Equal(reference[h].GetText("hash"), blocks[h].GetText("hash"));
                    Assert.Equal(reference[h].GetText("stateRoot"), blocks[h].GetText("stateRoot"));
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    public static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node?.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a node may still be releasing its files
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string KeyPath(int index) => Path.Combine(_root, $"validator-{index}.key");

    /// <summary>Key files are owner-only: `ledger run` refuses one that other users can read.</summary>
    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
