using System.Globalization;
using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Ledger.TestSupport;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// A consortium across hosts (issue 14, item 5): one Linux network namespace per bank and one for a member node, joined
/// by veth pairs to a bridge on a private 10.x.y.0/24. Each node runs `ledger run` inside its namespace from its own
/// config file, listening on its own address, with peer TLS certificates issued for that address by one consortium CA.
/// The consortium finalises across the namespaces, the member syncs over the links, and clients (this process, on the
/// bridge) are served by every host. Needs root; reported skipped, with the reason, where namespaces are not permitted.
/// </summary>
public sealed class MultiHostConsortiumTests(ITestOutputHelper output)
{
    private const int Banks = 4;
    private const int MemberKey = 20;
    private const int RpcPort = 8545;
    private const int GrpcPort = 50051;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task Four_banks_and_a_member_on_separate_network_namespaces_finalise_sync_and_serve_clients_over_TLS()
    {
        var unavailable = NetworkNamespaces.Unavailable();
        Skip.If(unavailable is not null, unavailable);

        var root = Directory.CreateTempSubdirectory("ledger-netns-").FullName;
        var nodes = new List<LedgerProcess>();
        try
        {
            using var hosts = NetworkNamespaces.Create(Banks + 1);
            using var ca = new ConsortiumCertificates("consortium");
            output.WriteLine(hosts.ToString());
            var genesisPath = WriteGenesis(root, hosts);

            // Every host: its own key, certificate for its own address, and config file; then `ledger run` inside its namespace.
            var starts = Enumerable.Range(0, Banks + 1).Select(i => Task.Run(() =>
            {
                var name = i < Banks ? $"bank-{(char)('a' + i)}" : "member";
                var devKey = i < Banks ? 10 + i : MemberKey;
                var folder = Path.Combine(root, name);
                Directory.CreateDirectory(folder);
                var keyPath = Path.Combine(folder, "node.key");
                File.WriteAllText(keyPath, "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(devKey)));
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var (certificate, key) = ca.Issue(name, hosts.Address(i));
                var configPath = Path.Combine(folder, "node.json");
                File.WriteAllText(configPath, NodeConfig(hosts.Address(i).ToString(), certificate, key, ca.CaPath));
                return LedgerProcess.StartRunUnder(
                    hosts.Exec(i), genesisPath, keyPath, Path.Combine(folder, "data"), RpcPort, GrpcPort, ["--config", configPath]);
            })).ToList();
            try
            {
                nodes.AddRange(await Task.WhenAll(starts));
            }
            catch
            {
                nodes.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result)); // disposed below
                throw;
            }

            // Each node serves on its own host's address and dials its peers over TLS.
            for (var i = 0; i < nodes.Count; i++)
            {
                Assert.Equal(hosts.Address(i).ToString(), nodes[i].RpcUrl.Host);
                Assert.Equal("https", nodes[i].GrpcUrl.Scheme);
            }

            var member = nodes[Banks];
            await ConsensusCluster.WaitForHeightAsync(nodes[0], 1, Patience);

            // Clients: transfers sent to bank B's host commit and are read from the member's host; transfers sent to the
            // member's host are forwarded across the links and read from bank D's host.
            var viaBank = await SendAsync(nodes[1], from: 4, count: 10);
            var viaMember = await SendAsync(member, from: 5, count: 10);
            using (var memberRpc = new JsonRpcClient(member.RpcUrl))
            using (var bankD = new JsonRpcClient(nodes[3].RpcUrl))
            {
                foreach (var hash in viaBank)
                {
                    Assert.Equal(1UL, (await memberRpc.WaitForReceiptAsync(hash, Patience)).GetQuantity("status"));
                }

                foreach (var hash in viaMember)
                {
                    Assert.Equal(1UL, (await bankD.WaitForReceiptAsync(hash, Patience)).GetQuantity("status"));
                }

                var head = await bankD.BlockNumberAsync();
                await ConsensusCluster.WaitForHeightAsync(member, head, Patience);
                output.WriteLine($"finalised and synced to block {head} across {hosts}");
            }

            // Every bank's node holds a TLS stream to the other three and to the member; the member to the four banks.
            foreach (var node in nodes)
            {
                using var rpc = new JsonRpcClient(node.RpcUrl);
                var peers = LedgerRpcExtensions.ParseQuantity(await rpc.CallAsync("net_peerCount"), "net_peerCount");
                Assert.Equal(4UL, peers);
            }

            await AssertSameChainAsync(nodes);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The repo genesis with bank i's validator at host i's address and the member node listed.</summary>
    private static string WriteGenesis(string root, NetworkNamespaces hosts)
    {
        var genesis = GenesisLoader.LoadFile(Path.Combine(RepoPaths.Root, "genesis.json"));
        genesis = genesis with
        {
            Validators = [.. genesis.Validators.Select((v, i) => v with { Host = hosts.Address(i).ToString(), GrpcPort = GrpcPort, RpcPort = RpcPort })],
            Members = [new MemberConfig("bank-a", DevKeys.Address(MemberKey))],
        };
        var path = Path.Combine(root, "genesis.json");
        File.WriteAllText(path, genesis.ToJson());
        return path;
    }

    /// <summary>
    /// A host's config file: listeners on its own address, peer TLS from its certificate. JSON-RPC is served without
    /// authentication only because this is a throwaway test network (docs/operations.md shows the production file).
    /// </summary>
    private static string NodeConfig(string address, string certificate, string key, string ca) => JsonSerializer.Serialize(new
    {
        rpcHost = address,
        grpcHost = address,
        rpcPort = RpcPort,
        grpcPort = GrpcPort,
        insecureNoAuth = true,
        peerTls = new { certificatePath = certificate, keyPath = key, trustedCaPath = ca },
    });

    private static async Task<List<string>> SendAsync(LedgerProcess node, int from, int count)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        var nonce = await rpc.GetTransactionCountAsync(DevKeys.Address(from), "pending");
        var hashes = new List<string>();
        for (var i = 0UL; i < (ulong)count; i++)
        {
            hashes.Add(await rpc.SendRawTransactionAsync(DevTransactions.Transfer(from, nonce + i, DevKeys.Address(from + 1), 1).Raw));
        }

        return hashes;
    }

    private static async Task AssertSameChainAsync(List<LedgerProcess> nodes)
    {
        var clients = nodes.Select(n => new JsonRpcClient(n.RpcUrl)).ToList();
        try
        {
            var heads = new List<ulong>();
            foreach (var client in clients)
            {
                heads.Add(await client.BlockNumberAsync());
            }

            var common = heads.Min();
            var reference = await clients[0].GetBlockAsync(common);
            foreach (var client in clients.Skip(1))
            {
                var block = await client.GetBlockAsync(common);
                Assert.Equal(reference!.Value.GetText("hash"), block!.Value.GetText("hash"));
                Assert.Equal(reference.Value.GetText("stateRoot"), block.Value.GetText("stateRoot"));
            }

            Assert.True(common > 0, string.Create(CultureInfo.InvariantCulture, $"the common head is {common}"));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
