using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Indexing;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;
using Ledger.Storage;
using Ledger.Storage.Memory;

namespace Ledger.Execution.Tests.Support;

/// <summary>A chain store over a store with two counter modules, plus helpers to sign transactions and commit blocks.</summary>
internal sealed class TestChain : IDisposable
{
    public const ulong ChainId = 4242;
    public const ulong GenesisTimestampMs = 1_700_000_000_000;

    public static readonly Address CounterA = Address.Parse("0x00000000000000000000000000000000000c0001");
    public static readonly Address CounterB = Address.Parse("0x00000000000000000000000000000000000c0002");

    private readonly Dictionary<Address, ulong> _nextNonce = [];
    private readonly bool _ownsStore;

    public TestChain(IKeyValueStore? store = null, GenesisConfig? genesis = null, IRecordClassifier? records = null, Action<AccountIndexProgress>? onIndexBuild = null)
    {
        _ownsStore = store is null;
        Store = store ?? new MemoryKeyValueStore();
        Genesis = genesis ?? CreateGenesis();
        Registry = CreateRegistry();
        Executor = new BlockExecutor(Registry, ChainId);
        Chain = new ChainStore(Store, Registry, Genesis, records: records);
        if (onIndexBuild is not null)
        {
            Chain.AccountIndexBuilding += onIndexBuild;
        }

        Chain.Open();
    }

    public IKeyValueStore Store { get; }

    public GenesisConfig Genesis { get; }

    public ModuleRegistry Registry { get; }

    public BlockExecutor Executor { get; }

    public ChainStore Chain { get; }

    public static ModuleRegistry CreateRegistry() =>
        new([new CounterModule(CounterA, "CounterA"), new CounterModule(CounterB, "CounterB")]);

    public static GenesisConfig CreateGenesis(ulong timestampMs = GenesisTimestampMs) => new()
    {
        ChainId = ChainId,
        Name = "execution-tests",
        TimestampMs = timestampMs,
        Banks = [],
        Validators = [new ValidatorConfig("A", DevKeys.Address(10), "127.0.0.1", 0, 0)],
        Tokens = [],
        Modules = new Dictionary<string, Address> { ["CounterA"] = CounterA, ["CounterB"] = CounterB },
        Identities = [],
        Allocations = [],
    };

    public static BlockContext Context(ulong number, ulong gasLimit = 30_000_000) =>
        new(number, GenesisTimestampMs + (number * 1000), DevKeys.Address(10), gasLimit, ChainId);

    /// <summary>A transaction signed by dev account <paramref name="account"/>; nonces count up per account unless given.</summary>
    public SignedTransaction Tx(int account, Address? to, byte[] data, ulong? nonce = null, ulong gasLimit = 100_000, ulong value = 0)
    {
        var sender = DevKeys.Address(account);
        var n = nonce ?? _nextNonce.GetValueOrDefault(sender);
        _nextNonce[sender] = n + 1;
        return Sign(account, to, data, n, gasLimit, value);
    }

    public static SignedTransaction Sign(int account, Address? to, byte[] data, ulong nonce, ulong gasLimit = 100_000, ulong value = 0) =>
        TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = ChainId, Nonce = nonce, GasLimit = gasLimit, To = to, Data = data, Value = value },
            DevKeys.PrivateKey(account),
            Ecdsa.Default);

    /// <summary>Executes <paramref name="transactions"/> on the head, builds the block and commits it.</summary>
    public (Block Block, BlockExecutionResult Result) Produce(params SignedTransaction[] transactions)
    {
        var (block, result) = Build(transactions);
        Chain.Commit(block, result);
        return (block, result);
    }

    public (Block Block, BlockExecutionResult Result) Build(params SignedTransaction[] transactions)
    {
        var head = Chain.Head.Header;
        var context = Context(head.Number + 1);
        var result = Executor.Execute(Chain.LatestState, context, transactions);
        var header = result.BuildHeader(head.Hash, context, 0, head.ValidatorSetHash);
        return (new Block(header, transactions, new CommitCertificate(header.Hash, 0, [])), result);
    }

    public void Dispose()
    {
        if (_ownsStore)
        {
            Store.Dispose();
        }
    }
}
