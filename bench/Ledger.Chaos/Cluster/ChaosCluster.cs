using System.Diagnostics;
using System.Net;
using Ledger.Chaos.Proxy;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;

namespace Ledger.Chaos.Cluster;

/// <summary>
/// The repo's four-bank genesis on free loopback ports, run as four real <c>ledger run</c> processes with the dev validator
/// keys (10–13), every peer link through a <see cref="LinkMesh"/> of fault proxies. Owns a scratch folder (deleted on
/// dispose), the proxies, the processes and any tmpfs volumes.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private const int FirstValidatorKey = 10;
    private readonly List<DataVolume> _volumes = [];
    private readonly bool _keepFiles;

    private ChaosCluster(string root, GenesisConfig genesis, LinkMesh mesh, ChaosNode[] nodes, bool keepFiles)
    {
        Root = root;
        Genesis = genesis;
        Mesh = mesh;
        Nodes = nodes;
        _keepFiles = keepFiles;
    }

    public string Root { get; }

    public GenesisConfig Genesis { get; }

    public LinkMesh Mesh { get; }

    public IReadOnlyList<ChaosNode> Nodes { get; }

    /// <summary>Time since the cluster was created: the time base of logs and the schedule.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Writes genesis and keys, opens the proxies and volumes; call <see cref="StartAllAsync"/> next.</summary>
    public static ChaosCluster Create(string root, ClusterPlan plan, bool keepFiles = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(root);
        var source = GenesisLoader.LoadFile(RepoFiles.Genesis());
        if (source.Validators.Count != plan.Nodes)
        {
            throw new InvalidOperationException($"the genesis has {source.Validators.Count} validators; the campaign runs {plan.Nodes}");
        }

        var ports = FreePorts.Take(plan.Nodes * 2);
        var genesis = source with
        {
            Validators = [.. source.Validators.Select((v, i) => v with { Host = "127.0.0.1", GrpcPort = ports[i], RpcPort = ports[plan.Nodes + i] })],
            Consensus = source.Consensus with
            {
                RoundTimeoutMs = plan.RoundTimeoutMs ?? source.Consensus.RoundTimeoutMs,
                MaxRoundTimeoutMs = plan.MaxRoundTimeoutMs ?? source.Consensus.MaxRoundTimeoutMs,
            },
        };
        var genesisPath = Path.Combine(root, "genesis.json");
        File.WriteAllText(genesisPath, genesis.ToJson());
        var mesh = new LinkMesh([.. genesis.Validators.Select(v => new IPEndPoint(IPAddress.Loopback, v.GrpcPort))], plan.Seed);
        var cluster = new ChaosCluster(root, genesis, mesh, new ChaosNode[plan.Nodes], keepFiles);
        try
        {
            var nodes = (ChaosNode[])cluster.Nodes;
            for (var i = 0; i < plan.Nodes; i++)
            {
                var keyPath = Path.Combine(root, $"validator-{i}.key");
                File.WriteAllText(keyPath, "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(FirstValidatorKey + i)));
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var validator = genesis.Validators[i];
                var node = new ChaosNode(i, validator.Address, genesisPath, keyPath, Path.Combine(root, $"node-{i}"), validator.RpcPort, validator.GrpcPort, cluster.Clock)
                {
                    PeerEndpoints = plan.Proxied
                        ? [.. Enumerable.Range(0, plan.Nodes).Where(j => j != i).Select(j => $"{genesis.Validators[j].Address}=127.0.0.1:{mesh.PortFor(i, j)}")]
                        : [],
                    ClockOffsetSeconds = plan.ClockOffsets.GetValueOrDefault(i),
                };
                nodes[i] = node;
                if (plan.SmallDisks.Contains(i))
                {
                    var volume = DataVolume.TryMount(Path.Combine(root, $"volume-{i}"), plan.VolumeMiB, out var why)
                        ?? throw new InvalidOperationException(why);
                    cluster._volumes.Add(volume);
                    node.DataDirectory = volume.DataDirectory;
                    cluster.Volumes[i] = volume;
                }
            }

            return cluster;
        }
        catch
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>The tmpfs of each node that has one.</summary>
    public Dictionary<int, DataVolume> Volumes { get; } = [];

    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Nodes.Where(n => n.State == NodeState.Stopped).Select(n => n.StartAsync(cancellationToken)));
    }

    /// <summary>Every exit of any node so far, in time order.</summary>
    public IReadOnlyList<NodeExit> Exits => [.. Nodes.SelectMany(n => n.Exits).OrderBy(e => e.At)];

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            node?.Dispose();
        }

        await Mesh.DisposeAsync();
        foreach (var volume in _volumes)
        {
            volume.Dispose();
        }

        if (!_keepFiles)
        {
            for (var attempt = 0; attempt < 5 && Directory.Exists(Root); attempt++)
            {
                try
                {
                    Directory.Delete(Root, recursive: true);
                }
                catch (IOException) when (attempt < 4)
                {
                    await Task.Delay(200);
                }
                catch (UnauthorizedAccessException)
                {
                    break;
                }
            }
        }
    }
}
