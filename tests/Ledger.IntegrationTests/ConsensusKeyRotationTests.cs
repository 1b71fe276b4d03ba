using System.Globalization;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// The key rotation runbook of docs/security.md on four real processes (issue 13, item 5): bank D's validator moves
/// from its old key to a new keystore key — the consortium votes the new address in, then the old one out, and D's node
/// restarts on the same data and ports with the new key — while a client's transfers keep committing throughout.
/// </summary>
public sealed class ConsensusKeyRotationTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const string Password = "bank d rotation keystore password";
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-rotation-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task A_validator_moves_to_a_new_key_by_vote_and_restart_while_transfers_keep_committing()
    {
        using var cluster = ConsensusCluster.Start();
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 2, Patience);
        var oldKey = cluster.Validators[3];

        // Step 1 of the runbook: a new key on D's host (here a keystore from `ledger key new`).
        var newKey = await NewKeyStoreKeyAsync();
        Assert.NotEqual(oldKey, newKey.Address);

        using var stop = new CancellationTokenSource();
        var committed = new List<ulong>(); // guarded by itself
        var client = Task.Run(() => TransferUntilStoppedAsync(cluster.Node(0).RpcUrl, committed, stop.Token));

        // Step 2: a majority (A, B, C) votes the new address in, with D's host and ports: 5 validators, 4 online.
        var d = cluster.Node(3);
        var addedFrom = await cluster.VoteAsync(
            [0, 1, 2], [newKey.Address.ToString(), true, "bank-d", "127.0.0.1", d.GrpcUrl.Port, d.RpcUrl.Port], Patience);
        output.WriteLine($"new key {newKey.Address} is a validator from block {addedFrom}");

        // A transfer commits under the five-validator set before the old key is voted out (the votes of step 3 may land
        // in the very next block, so this is waited for, not left to chance).
        await TransferCommittedAsync(committed, addedFrom, client);

        // Step 3: a majority of the five (A, B, C) votes the old address out: 4 validators, 3 online (quorum 3).
        var removedFrom = await cluster.VoteAsync([0, 1, 2], [oldKey.ToString(), false], Patience);
        output.WriteLine($"old key {oldKey} is out from block {removedFrom}");

        // Step 4: D's node has the vote that admitted the new key in its data (it was a validator until the old key left,
        // then the others cut it off); it restarts with the new key, same data and ports.
        await ConsensusCluster.WaitForHeightAsync(d, addedFrom, Patience);
        Assert.Equal(0, d.Stop());
        d.RestartWithKey(newKey.Arguments, newKey.Environment);
        using var rpc0 = new JsonRpcClient(cluster.Node(0).RpcUrl);
        var restartedAt = await rpc0.BlockNumberAsync();
        Assert.Contains($"node {newKey.Address.ToChecksumString()} signs with keystore", d.Output);

        // Step 5: the new set certifies blocks; with C down, A, B and D's new key are all needed for a quorum of 3.
        await ConsensusCluster.WaitForHeightAsync(d, restartedAt + 1, Patience);
        cluster.Node(2).Kill();
        var head = await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), restartedAt + 4, Patience);
        await ConsensusCluster.WaitForHeightAsync(d, head, Patience);

        await stop.CancelAsync();
        await client;
        output.WriteLine($"transfers committed in blocks {string.Join(", ", committed)}");
        Assert.Contains(committed, b => b < addedFrom);
        Assert.Contains(committed, b => b >= addedFrom && b < removedFrom);
        Assert.Contains(committed, b => b > restartedAt);

        Assert.Equal(
            [.. cluster.Validators.Take(3), oldKey, newKey.Address],
            await ValidatorsAsync(rpc0, addedFrom));
        Assert.Equal([.. cluster.Validators.Take(3), newKey.Address], await ValidatorsAsync(rpc0, removedFrom));
        await cluster.AssertSameChainAsync([0, 1, 3]);
        output.WriteLine(ConsensusCluster.Tail(d.Output));
        SecretsAssert.NoneIn([d.Output], [Password, Convert.ToHexStringLower(DevKeys.PrivateKey(13))]);
    }

    private async Task<NodeKey> NewKeyStoreKeyAsync()
    {
        var passwordFile = Path.Combine(_folder, "password");
        File.WriteAllText(passwordFile, Password + "\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var keystore = Path.Combine(_folder, "bank-d-2.json");
        var address = await LedgerKeyCommand.AddressOfAsync(
            ["key", "new", "--keystore", keystore, "--key-password-file", passwordFile, "--light-kdf"], _folder);
        return new NodeKey(address, ["--keystore", keystore, "--key-password-file", passwordFile]);
    }

    /// <summary>Waits until <paramref name="client"/> has committed a transfer in block <paramref name="from"/> or later.</summary>
    private static async Task TransferCommittedAsync(List<ulong> committed, ulong from, Task client)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (true)
        {
            lock (committed)
            {
                if (committed.Any(b => b >= from))
                {
                    return;
                }
            }

            if (client.IsCompleted)
            {
                await client; // its failure, if any
                throw new InvalidOperationException("the transfer client stopped");
            }

            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"no transfer committed in block {from} or later within {Patience.TotalSeconds:0} s");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Dev account 4 pays account 5 one unit at a time, each waiting for its receipt; adds the blocks they landed in.</summary>
    private static async Task TransferUntilStoppedAsync(Uri rpcUrl, List<ulong> blocks, CancellationToken stop)
    {
        using var rpc = new JsonRpcClient(rpcUrl);
        for (ulong nonce = 0; !stop.IsCancellationRequested && nonce < 10_000; nonce++)
        {
            var hash = await rpc.SendRawTransactionAsync(DevTransactions.Transfer(4, nonce, DevKeys.Address(5), new UInt256(1)).Raw, CancellationToken.None);
            var receipt = await rpc.WaitForReceiptAsync(hash, Patience, CancellationToken.None);
            Assert.Equal(1UL, receipt.GetQuantity("status"));
            lock (blocks)
            {
                blocks.Add(receipt.GetQuantity("blockNumber"));
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static async Task<List<Address>> ValidatorsAsync(JsonRpcClient rpc, ulong block)
    {
        var result = await rpc.CallAsync("qbft_getValidatorsByBlockNumber", "0x" + block.ToString("x", CultureInfo.InvariantCulture));
        return [.. result.EnumerateArray().Select(v => Address.Parse(v.GetString()!))];
    }
}
