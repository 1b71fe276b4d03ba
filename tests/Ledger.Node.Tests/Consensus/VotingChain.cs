using Ledger.Contracts;
using Ledger.Contracts.Validators;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;
using Ledger.Node.Cli;
using Ledger.Storage.Memory;

namespace Ledger.Node.Tests.Consensus;

/// <summary>
/// The repo's 4-bank genesis (validators = dev keys 10–13) executed for real — module catalog, block executor, chain
/// store in memory — so validator votes go through the same code a node runs.
/// </summary>
internal sealed class VotingChain : IDisposable
{
    public const int FirstValidatorKey = 10;

    private readonly MemoryKeyValueStore _store = new();
    private readonly Dictionary<int, ulong> _nonces = [];

    /// <param name="shapeGenesis">Changes the repo genesis first (e.g. lists member nodes).</param>
    public VotingChain(Func<GenesisConfig, GenesisConfig>? shapeGenesis = null)
    {
        Genesis = shapeGenesis?.Invoke(EmbeddedGenesis.Load()) ?? EmbeddedGenesis.Load();
        var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(Genesis));
        Executor = new BlockExecutor(registry, Genesis.ChainId);
        Chain = new ChainStore(_store, registry, Genesis);
        Chain.Open();
        History = ValidatorSetHistory.FromGenesis(Genesis) ?? throw new InvalidOperationException("genesis.json has no Validators module");
    }

    public GenesisConfig Genesis { get; }

    /// <summary>The store the chain lives in, e.g. to open a whole node on it afterwards.</summary>
    public MemoryKeyValueStore Store => _store;

    public BlockExecutor Executor { get; }

    public ChainStore Chain { get; }

    public ValidatorSetHistory History { get; }

    /// <summary>Validator <paramref name="index"/> of genesis (0–3 = banks A–D).</summary>
    public static Address Validator(int index) => DevKeys.Address(FirstValidatorKey + index);

    public IReadOnlyList<Address> ValidatorsAt(ulong height) => [.. History.At(Chain.LatestState, height).Select(v => v.Address)];

    public SignedTransaction VoteRemove(int voterKey, Address validator) =>
        Sign(voterKey, new AbiWriter(1).WriteAddress(validator).ToCallData("voteRemove(address)"));

    public SignedTransaction VoteAdd(int voterKey, Address validator, string bank = "bank-d", string host = "127.0.0.1", ulong grpcPort = 50_999, ulong rpcPort = 8_599) =>
        Sign(voterKey, new AbiWriter(6).WriteAddress(validator).WriteString(bank).WriteString(host).WriteUInt64(grpcPort).WriteUInt64(rpcPort)
            .ToCallData("voteAdd(address,string,string,uint16,uint16)"));

    public SignedTransaction VoteAddMember(int voterKey, Address member, string bank = "bank-b") =>
        Sign(voterKey, new AbiWriter(2).WriteAddress(member).WriteString(bank).ToCallData("voteAddMember(address,string)"));

    public SignedTransaction VoteRemoveMember(int voterKey, Address member) =>
        Sign(voterKey, new AbiWriter(1).WriteAddress(member).ToCallData("voteRemoveMember(address)"));

    /// <summary>The member allowlist as of the latest state.</summary>
    public IReadOnlyList<Address> Members() =>
        [.. (MemberAllowlist.FromGenesis(Genesis) ?? throw new InvalidOperationException("no Validators module")).Current(Chain.LatestState).Select(m => m.Address)];

    /// <summary>Executes the transactions in the next block and commits it; returns their receipts.</summary>
    public IReadOnlyList<Receipt> Produce(params SignedTransaction[] transactions)
    {
        var head = Chain.Head.Header;
        var number = head.Number + 1;
        var context = new BlockContext(number, head.TimestampMs + 1_000, Validator(0), Genesis.Consensus.BlockGasLimit, Genesis.ChainId);
        var result = Executor.Execute(Chain.LatestState, context, transactions);
        var set = ValidatorsAt(number);
        var header = result.BuildHeader(head.Hash, context, 0, ValidatorSet.ComputeHash(set));
        Chain.Commit(new Block(header, transactions, new CommitCertificate(header.Hash, 0, [])), result);
        return result.Receipts;
    }

    /// <summary>The Error(string) text of a reverted receipt.</summary>
    public static string RevertReason(Receipt receipt)
    {
        Assert.False(receipt.Success, "the transaction did not revert");
        var reader = new AbiReader(receipt.RevertData.AsSpan(4), "Error(string)");
        return reader.ReadString("reason");
    }

    public void Dispose() => _store.Dispose();

    private SignedTransaction Sign(int key, byte[] data)
    {
        var nonce = _nonces.GetValueOrDefault(key);
        _nonces[key] = nonce + 1;
        return TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = Genesis.ChainId, Nonce = nonce, GasLimit = 100_000, To = History.Module, Data = data },
            DevKeys.PrivateKey(key),
            Ecdsa.Default);
    }
}
