using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Ledger.TestSupport;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// Key custody on real processes (issue 13, items 4 and 8): a 4-validator cluster where one validator signs every
/// consensus message, seal, handshake and sync request inside SoftHSM2 and two unlock keystores (password file,
/// password variable), and the rule that no password, PIN or key ever reaches a node's output.
/// </summary>
public sealed class KeyCustodyTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-custody-it-").FullName;

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
    public async Task A_cluster_with_an_HSM_validator_and_two_keystore_validators_finalises_and_the_HSM_seals_every_block_when_needed()
    {
        using var hsm = SoftHsm2Token.Create("bank-a");
        var hsmKey = await CustodyKeys.HsmKeyAsync(hsm, "validator-a", _folder);
        var fileKey = await CustodyKeys.KeyStoreKeyAsync(11, "keystore password of bank b", _folder, viaEnvironment: false);
        var envKey = await CustodyKeys.KeyStoreKeyAsync(12, "keystore password of bank c", _folder, viaEnvironment: true);
        using var cluster = ConsensusCluster.Start(keys: i => i switch { 0 => hsmKey, 1 => fileKey, 2 => envKey, _ => null });
        Assert.Equal(hsmKey.Address, cluster.Validators[0]);

        // 1. All four finalise together; the HSM validator proposes its turns (a proposal is signed in the token).
        var head = await ConsensusCluster.WaitForHeightAsync(cluster.Node(1), 8, Patience);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), head, Patience);
        using (var rpc = new JsonRpcClient(cluster.Node(1).RpcUrl))
        {
            var proposers = (await ChainReader.BlocksAsync(rpc, head)).Skip(1).Select(b => Address.Parse(b.GetText("miner"))).ToList();
            output.WriteLine($"proposers of blocks 1-{head}: {string.Join(", ", proposers)}");
            Assert.Contains(hsmKey.Address, proposers);
        }

        // 2. Without the plain-key validator, a quorum (3 of 4) needs a seal from each of the other three in every
        //    certificate: blocks that keep finalising carry the HSM's seal and both keystore validators' seals.
        cluster.Node(3).Kill();
        var later = await ConsensusCluster.WaitForHeightAsync(cluster.Node(1), head + 4, Patience);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), later, Patience);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(2), later, Patience);
        await cluster.AssertSameChainAsync([0, 1, 2]);
        Assert.Contains("signs with PKCS#11 token 'bank-a' key 'validator-a'", cluster.Node(0).Output);

        // 3. No secret of any of the four reached their output.
        SecretsAssert.NoneIn(
            [.. Enumerable.Range(0, 4).Select(i => cluster.Node(i).Output)],
            [hsm.UserPin, fileKey.Secret!, envKey.Secret!, .. Enumerable.Range(10, 4).Select(DevKeyHex)]);
    }

    [Fact]
    public async Task Nodes_run_from_a_keystore_and_from_an_HSM_log_no_password_PIN_or_key_even_when_given_wrong_ones()
    {
        using var hsm = SoftHsm2Token.Create("solo");
        var hsmKey = await CustodyKeys.HsmKeyAsync(hsm, "solo-key", _folder);
        const string password = "Tr0ub4dor&3 of the solo keystore";
        var keystoreKey = await CustodyKeys.KeyStoreKeyAsync(10, password, _folder, viaEnvironment: false);
        var outputs = new List<string>();

        foreach (var (name, key) in new[] { ("hsm", hsmKey), ("keystore", keystoreKey) })
        {
            // A single-validator chain whose validator is this key: every block's seal is made through the signer.
            var genesisPath = SoloGenesis(key.Address, name);
            using (var node = LedgerProcess.StartRun(genesisPath, key.Arguments, Path.Combine(_folder, "data-" + name), 0, 0, null, key.Environment))
            {
                using var rpc = new JsonRpcClient(node.RpcUrl);
                var hash = await rpc.SendRawTransactionAsync(DevTransactions.Transfer(0, 0, DevKeys.Address(1), new UInt256(5)).Raw);
                var receipt = await rpc.WaitForReceiptAsync(hash, Patience);
                Assert.Equal(1UL, receipt.GetQuantity("status"));
                var block = (await rpc.GetBlockAsync(receipt.GetQuantity("blockNumber")))!.Value;
                Assert.Equal(key.Address, Address.Parse(block.GetText("miner")));
                Assert.Equal(0, node.Stop());
                outputs.Add(node.Output);
            }

            // The same node started with a wrong secret stops at once with a plain error that does not repeat it.
            var (wrongArguments, wrongSecret) = WrongSecret(key, name);
            var refused = await LedgerKeyCommand.RunAsync(
                ["run", "--genesis", genesisPath, "--data", Path.Combine(_folder, "data-wrong-" + name), "--rpc-port", "0", "--grpc-port", "0", .. wrongArguments],
                _folder,
                key.Environment);
            output.WriteLine(refused.Output);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains(name == "hsm" ? "refused the PIN" : "wrong password for keystore", refused.Output);
            Assert.DoesNotContain(wrongSecret, refused.Output);
            outputs.Add(refused.Output);
        }

        SecretsAssert.NoneIn(outputs, [hsm.UserPin, password, DevKeyHex(10)]);
    }

    private static string DevKeyHex(int index) => Convert.ToHexStringLower(DevKeys.PrivateKey(index));

    private (string[] Arguments, string Secret) WrongSecret(NodeKey key, string name)
    {
        var secret = name == "hsm" ? "000000" + "4711" : "not the password 4711";
        var file = Path.Combine(_folder, $"wrong-{name}");
        File.WriteAllText(file, secret + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var flag = name == "hsm" ? "--pkcs11-pin-file" : "--key-password-file";
        var arguments = key.Arguments.ToArray();
        arguments[Array.IndexOf(arguments, flag) + 1] = file;
        return (arguments, secret);
    }

    private string SoloGenesis(Address validator, string name)
    {
        var genesis = Core.Genesis.GenesisLoader.LoadFile(Path.Combine(RepoPaths.Root, "genesis.json")).WithSingleValidator(0);
        genesis = genesis with { Validators = [genesis.Validators[0] with { Address = validator }] };
        var path = Path.Combine(_folder, $"genesis-{name}.json");
        File.WriteAllText(path, genesis.ToJson());
        return path;
    }
}
