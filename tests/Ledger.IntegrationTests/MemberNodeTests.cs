using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// Member and regulator nodes (issue 14, item 1) on real `ledger run` processes: four validators (dev keys 10–13), a
/// member listed in the genesis (dev key 20) and a node nobody listed (dev key 21). One scenario, so the cluster starts
/// once: the member syncs from genesis, forwards every transaction it is sent and follows the head under that load,
/// keeps following when a validator dies; the unlisted node is refused until a majority votes it in, after which it
/// syncs and serves its regulator's audit views; a majority revokes the member, which loses its streams and stops.
/// </summary>
public sealed class MemberNodeTests(ITestOutputHelper output)
{
    private const int MemberKey = 20;
    private const int RegulatorNodeKey = 21;
    private const int Transfers = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly Address ValidatorsModule = Address.Parse("0x1000000000000000000000000000000000000006");

    [Fact]
    public async Task A_member_follows_forwards_survives_a_dead_validator_and_is_cut_off_when_revoked_and_an_unlisted_node_is_refused()
    {
        using var cluster = ConsensusCluster.Start(
            shapeGenesis: g => g with { Members = [new MemberConfig("bank-a", DevKeys.Address(MemberKey))] });
        var member = cluster.StartMember(MemberKey);

        // 1. Syncs from genesis and verifies: same hashes and state roots as the validators.
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 2, Patience);
        await ConsensusCluster.WaitForHeightAsync(member, 2, Patience);
        Assert.Contains("runs as a member node", member.Output, StringComparison.Ordinal);

        // 2. A node on no list is refused by every validator (handshake and block sync) and gets no block.
        var folder = Directory.CreateTempSubdirectory("ledger-member-it-").FullName;
        try
        {
            var (secret, regulatorToken, readerToken) = await TokensAsync(folder);
            var audit = Path.Combine(folder, "audit.log");
            using var outsider = cluster.StartMember(RegulatorNodeKey, ["--member", "--auth-jwt-secret-file", secret, "--audit-log", audit]);
            var outsiderAddress = DevKeys.Address(RegulatorNodeKey).ToString();
            await EventuallyAsync(
                () => Task.FromResult(AllOutput(cluster).Contains($"node {outsiderAddress} is not in the consortium", StringComparison.OrdinalIgnoreCase)),
                "the validators refused the unlisted node");
            Assert.Equal(0UL, await HeadWithTokenAsync(outsider, readerToken));

            // 3. Under load sent only to the member, every transaction is forwarded to the validators and commits, and the
            //    member stays within a block or two of them.
            var lags = new List<long>();
            await using (var load = new TransferLoad(1, _ => member.RpcUrl, maxTransactions: Transfers, pauseMs: 10))
            {
                using var validator = new JsonRpcClient(cluster.Node(0).RpcUrl);
                using var follower = new JsonRpcClient(member.RpcUrl);
                do
                {
                    // The member is read second, so a block it stores between the two reads counts in its favour by at most one.
                    var validatorHead = await validator.BlockNumberAsync();
                    var memberHead = await follower.BlockNumberAsync();
                    lags.Add((long)validatorHead - (long)memberHead);
                    await Task.Delay(50);
                }
                while (load.Accepted.Count < Transfers && lags.Count < 2_000);

                await load.StopAsync();
                foreach (var hash in load.Accepted)
                {
                    var receipt = await validator.WaitForReceiptAsync(hash, Patience);
                    Assert.Equal(1UL, receipt.GetQuantity("status"));
                }
            }

            lags.Sort();
            var p95 = lags[(int)(lags.Count * 0.95)];
            output.WriteLine($"member lag over {lags.Count} samples during {Transfers} forwarded transfers: max {lags[^1]}, p95 {p95}, median {lags[lags.Count / 2]} blocks");
            Assert.True(p95 <= 2, $"the member's lag behind validator 0 was above 2 blocks in more than 5% of {lags.Count} samples (p95 {p95}, max {lags[^1]})");
            Assert.Contains("ledger_sync_lag_blocks", await MetricsAsync(member), StringComparison.Ordinal);

            // 4. A validator dies; the other three keep finalising and the member keeps following them.
            cluster.Node(3).Kill();
            var target = await HeadAsync(cluster.Node(0)) + 3;
            await SendAsync(member, 30); // blocks need transactions: send a few more through the member
            await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), target, Patience);
            await ConsensusCluster.WaitForHeightAsync(member, target, Patience);

            // 5. A majority (3 of the 4 validators) votes the unlisted node in: it is admitted, syncs, and its regulator
            //    sees pending payments (audited) while a reader is refused them.
            var admittedFrom = await MemberVoteAsync(cluster, [0, 1, 2], add: true, DevKeys.Address(RegulatorNodeKey), "bank-b");
            await EventuallyAsync(async () => await HeadWithTokenAsync(outsider, readerToken) >= admittedFrom, "the voted-in node synced past its admission");
            var asRegulator = await PostAsync(outsider.RpcUrl, "txpool_content", regulatorToken);
            var asReader = await PostAsync(outsider.RpcUrl, "txpool_content", readerToken);
            Assert.True(asRegulator.TryGetProperty("result", out _), asRegulator.ToString());
            Assert.Equal(-40100, asReader.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Contains("\"subject\":\"supervisor\"", await File.ReadAllTextAsync(audit), StringComparison.Ordinal);

            // 6. A majority revokes the member: it loses its streams and gets no further block, while the chain goes on.
            var revokedFrom = await MemberVoteAsync(cluster, [0, 1, 2], add: false, DevKeys.Address(MemberKey), string.Empty);
            await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), revokedFrom, Patience);
            await EventuallyAsync(async () => await PeerCountAsync(member) == 0, "the revoked member lost its streams");
            var frozen = await HeadAsync(member);
            await SendAsync(cluster.Node(0), 20);
            await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), Math.Max(frozen, revokedFrom) + 3, Patience);
            Assert.Equal(frozen, await HeadAsync(member));
            Assert.Contains(
                $"node {DevKeys.Address(MemberKey)} is not in the consortium", AllOutput(cluster), StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"member revoked from block {revokedFrom}, frozen at {frozen}; regulator node admitted from {admittedFrom}");
            await cluster.AssertSameChainAsync([0, 1, 2]);
        }
        finally
        {
            member.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Validators <paramref name="voters"/> each vote through their own node's qbft_proposeMemberVote (signed with the
    /// node's validator key); returns the first block after the change.
    /// </summary>
    private static async Task<ulong> MemberVoteAsync(ConsensusCluster cluster, int[] voters, bool add, Address subject, string bank)
    {
        var hashes = new List<string>();
        foreach (var voter in voters)
        {
            using var node = new JsonRpcClient(cluster.Node(voter).RpcUrl);
            object?[] vote = add ? [subject.ToString(), true, bank] : [subject.ToString(), false];
            hashes.Add((await node.CallAsync("qbft_proposeMemberVote", vote)).GetString()!);
        }

        using var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl);
        ulong last = 0;
        foreach (var hash in hashes)
        {
            var receipt = await rpc.WaitForReceiptAsync(hash, Patience);
            Assert.Equal(1UL, receipt.GetQuantity("status"));
            last = Math.Max(last, receipt.GetQuantity("blockNumber"));
        }

        using var view = new JsonRpcClient(cluster.Node(1).RpcUrl);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(1), last, Patience);
        var isMember = await view.CallUInt256Async(ValidatorsModule, new AbiWriter(1).WriteAddress(subject).ToCallData("isMember(address)"));
        Assert.Equal(add ? UInt256.One : UInt256.Zero, isMember);
        return last + 1;
    }

    /// <summary>Transfers from dev account 8 to 9, <paramref name="count"/> of them, through <paramref name="node"/>.</summary>
    private static async Task SendAsync(LedgerProcess node, int count)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        var nonce = await rpc.GetTransactionCountAsync(DevKeys.Address(8), "pending");
        for (var i = 0UL; i < (ulong)count; i++)
        {
            await rpc.SendRawTransactionAsync(DevTransactions.Transfer(8, nonce + i, DevKeys.Address(9), 1).Raw);
        }
    }

    private static async Task<(string Secret, string Regulator, string Reader)> TokensAsync(string folder)
    {
        var secretPath = Path.Combine(folder, "jwt.secret");
        await File.WriteAllTextAsync(secretPath, "member-test-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)) + "\n");
        File.SetUnixFileMode(secretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (secretPath, await IssueAsync(folder, "supervisor", "regulator", secretPath), await IssueAsync(folder, "dashboard", "reader", secretPath));
    }

    private static async Task<string> IssueAsync(string folder, string subject, string role, string secretPath)
    {
        var result = await ExternalCommand.RunAsync(
            "dotnet", [RepoPaths.LedgerDll, "token", "issue", "--subject", subject, "--role", role, "--secret-file", secretPath, "--ttl", "1h"], folder, null, Patience);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Single(l => l.Count(c => c == '.') == 2 && !l.StartsWith("ledger:", StringComparison.Ordinal));
    }

    private static async Task<ulong> HeadWithTokenAsync(LedgerProcess node, string token)
    {
        var answer = await PostAsync(node.RpcUrl, "eth_blockNumber", token);
        return LedgerRpcExtensions.ParseQuantity(answer.GetProperty("result"), "eth_blockNumber");
    }

    private static async Task<JsonElement> PostAsync(Uri rpc, string method, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, rpc)
        {
            Content = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> MetricsAsync(LedgerProcess node)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(node.RpcUrl, "/metrics"));
    }

    /// <summary>What every validator printed (a killed one keeps its output).</summary>
    private static string AllOutput(ConsensusCluster cluster) => string.Concat(Enumerable.Range(0, cluster.Count).Select(i => cluster.Node(i).Output));

    private static async Task<ulong> HeadAsync(LedgerProcess node)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        return await rpc.BlockNumberAsync();
    }

    private static async Task<ulong> PeerCountAsync(LedgerProcess node)
    {
        using var rpc = new JsonRpcClient(node.RpcUrl);
        return LedgerRpcExtensions.ParseQuantity(await rpc.CallAsync("net_peerCount"), "net_peerCount");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {Patience.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }
}
