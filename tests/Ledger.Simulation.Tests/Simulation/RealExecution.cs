using Ledger.Contracts;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// Real execution: the repo's genesis (its banks, tokens, modules and allocations; the simulated validators in place of
/// its own), the module catalog and block executor, and one chain store per validator over an in-memory store. Proposers
/// include pre-signed token transfers of dev accounts 4–7; validators re-execute every proposal and every synced block, so
/// identical block hashes mean identical state roots, receipts and transactions on every honest node.
/// </summary>
internal sealed class RealExecution : ISimExecution
{
    private const int FirstSender = 4;
    private const int Senders = 4;
    private const int NoncesPerSender = 48;
    private static readonly Lazy<GenesisConfig> RepoGenesis = new(() => GenesisLoader.LoadFile(FindRepoFile("genesis.json")));
    private static readonly Lazy<SignedTransaction[][]> Transfers = new(SignTransfers);

    private readonly GenesisConfig _genesis;
    private readonly ModuleRegistry _registry;
    private readonly BlockExecutor _executor;

    public RealExecution(IReadOnlyList<Address> validators)
    {
        var genesis = RepoGenesis.Value;
        _genesis = genesis with
        {
            Validators = [.. validators.Select((v, i) => new ValidatorConfig(genesis.Banks[i % genesis.Banks.Count].Id, v, "127.0.0.1", 50_000 + i, 8_500 + i))],
        };
        _registry = new ModuleRegistry(ModuleCatalog.FromGenesis(_genesis));
        _executor = new BlockExecutor(_registry, _genesis.ChainId);
    }

    public Block Open(SimNode node)
    {
        var ledger = node.Ledger ??= new SimLedger();
        ledger.Chain = new ChainStore(ledger.Store, _registry, _genesis);
        ledger.Chain.Open();
        ledger.Executed.Clear();
        return ledger.Chain.GetBlock(0) ?? throw new SimulationFailedException($"node {node.Index}: the chain store has no block 0");
    }

    public Block Build(SimNode node, ulong height, Hash32 parent, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash)
    {
        var ledger = Ledger(node, parent);
        var state = ledger.Chain.LatestState;
        var candidates = new List<SignedTransaction>();
        var perSender = (int)(payload % 4);
        for (var s = 0; s < Senders; s++)
        {
            var nonce = state.GetNonce(DevKeys.Address(FirstSender + s));
            for (var k = 0; k < perSender && nonce + (ulong)k < NoncesPerSender; k++)
            {
                candidates.Add(Transfers.Value[s][nonce + (ulong)k]);
            }
        }

        var context = Context(height, timestampMs, node.Address);
        var built = _executor.Build(state, context, candidates);
        var header = built.Result.BuildHeader(parent, context, round, validatorSetHash);
        ledger.Executed[header.Hash] = built.Result;
        return new Block(header, built.Transactions, null);
    }

    public Block Alternative(SimNode node, ulong height, Hash32 parent, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash, bool valid)
    {
        // An empty block (valid), or one whose header claims a state the transactions do not produce (invalid).
        var ledger = Ledger(node, parent);
        var context = Context(height, timestampMs, node.Address);
        var result = _executor.Execute(ledger.Chain.LatestState, context, []);
        var header = result.BuildHeader(parent, context, round, validatorSetHash);
        return new Block(valid ? header : header with { StateRoot = Keccak256.Hash(BitConverter.GetBytes(payload)) }, [], null);
    }

    public bool IsValid(SimNode node, Block block, Hash32 validatorSetHash)
    {
        var header = block.Header;
        var ledger = node.Ledger!;
        var head = ledger.Chain.Head.Header;
        if (header.ParentHash != head.Hash || header.Number != head.Number + 1 || header.ValidatorSetHash != validatorSetHash)
        {
            return false;
        }

        if (ledger.Executed.ContainsKey(header.Hash))
        {
            return true;
        }

        try
        {
            var context = new BlockContext(header.Number, header.TimestampMs, header.Proposer, header.GasLimit, _genesis.ChainId);
            var result = _executor.Execute(ledger.Chain.LatestState, context, block.Transactions);
            if (result.FindMismatch(header) is not null)
            {
                return false;
            }

            ledger.Executed[header.Hash] = result;
            return true;
        }
        catch (InvalidBlockException)
        {
            return false;
        }
    }

    public void Commit(SimNode node, Block block)
    {
        var ledger = node.Ledger!;
        var header = block.Header;
        if (!ledger.Executed.TryGetValue(header.Hash, out var result))
        {
            if (!IsValid(node, block, header.ValidatorSetHash))
            {
                throw new SimulationFailedException($"node {node.Index}: final block {header.Number} does not re-execute on its ledger");
            }

            result = ledger.Executed[header.Hash];
        }

        ledger.Chain.Commit(block, result);
        ledger.Executed.Clear();
        if (ledger.Chain.Head.Header.StateRoot != header.StateRoot || result.StateRoot != header.StateRoot)
        {
            throw new SimulationFailedException($"node {node.Index}: state root after block {header.Number} differs from the header's");
        }
    }

    private static SimLedger Ledger(SimNode node, Hash32 parent)
    {
        var ledger = node.Ledger ?? throw new SimulationFailedException($"node {node.Index} has no ledger");
        if (ledger.Chain.Head.Header.Hash != parent)
        {
            throw new SimulationFailedException($"node {node.Index}: asked to build on {parent}, but its ledger's head is {ledger.Chain.Head.Header.Hash}");
        }

        return ledger;
    }

    /// <summary>The context a proposer builds with: virtual time <paramref name="timestampMs"/> after the genesis timestamp.</summary>
    private BlockContext Context(ulong height, ulong timestampMs, Address proposer) =>
        new(height, _genesis.TimestampMs + timestampMs, proposer, _genesis.Consensus.BlockGasLimit, _genesis.ChainId);

    /// <summary>Transfers of 0.01 USDA from dev accounts 4–7 to their neighbours, nonces 0…47, signed once per test run.</summary>
    private static SignedTransaction[][] SignTransfers()
    {
        var genesis = RepoGenesis.Value;
        var token = genesis.Tokens[0].Address;
        var result = new SignedTransaction[Senders][];
        for (var s = 0; s < Senders; s++)
        {
            result[s] = new SignedTransaction[NoncesPerSender];
            for (var n = 0; n < NoncesPerSender; n++)
            {
                var to = DevKeys.Address((FirstSender + s + 1 + n) % 10);
                var data = new AbiWriter(2).WriteAddress(to).WriteUInt256(UInt256.One).ToCallData("transfer(address,uint256)");
                result[s][n] = TransactionSigner.Sign(
                    new UnsignedTransaction { ChainId = genesis.ChainId, Nonce = (ulong)n, GasLimit = 100_000, To = token, Data = data },
                    DevKeys.PrivateKey(FirstSender + s),
                    Ecdsa.Default);
            }
        }

        return result;
    }

    private static string FindRepoFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, name);
            if (File.Exists(path) && Directory.Exists(Path.Combine(dir.FullName, "node")))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
    }
}
