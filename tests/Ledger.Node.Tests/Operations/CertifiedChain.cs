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
using Ledger.Storage;

namespace Ledger.Node.Tests.Operations;

/// <summary>
/// A chain of the repo's 4-bank genesis (validators = dev keys 10–13) built the way consensus builds it: real modules,
/// token transfers and validator votes, and every block sealed by a quorum of the validators of its own height.
/// </summary>
internal sealed class CertifiedChain
{
    public const int FirstValidatorKey = 10;

    private readonly Dictionary<int, ulong> _nonces = [];
    private readonly ValidatorSetHistory _history;

    public CertifiedChain(IKeyValueStore store, GenesisConfig? genesis = null)
    {
        Genesis = genesis ?? EmbeddedGenesis.Load();
        var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(Genesis));
        Executor = new BlockExecutor(registry, Genesis.ChainId);
        Chain = new ChainStore(store, registry, Genesis);
        Chain.Open();
        _history = ValidatorSetHistory.FromGenesis(Genesis) ?? throw new InvalidOperationException("the genesis has no Validators module");
    }

    public GenesisConfig Genesis { get; }

    public BlockExecutor Executor { get; }

    public ChainStore Chain { get; }

    /// <summary>USDA (bank A's dollar token): dev accounts 0–9 hold 1,000,000.00.</summary>
    public Address Token => Genesis.Tokens[0].Address;

    public static Address Validator(int index) => DevKeys.Address(FirstValidatorKey + index);

    public IReadOnlyList<Address> ValidatorsAt(ulong height) => [.. _history.At(Chain.LatestState, height).Select(v => v.Address)];

    public SignedTransaction Transfer(int from, int to, ulong amount) =>
        Sign(from, Token, new AbiWriter().WriteAddress(DevKeys.Address(to)).WriteUInt256(amount).ToCallData("transfer(address,uint256)"), 200_000);

    public SignedTransaction VoteRemove(int validatorIndex, Address validator) =>
        Sign(FirstValidatorKey + validatorIndex, _history.Module, new AbiWriter(1).WriteAddress(validator).ToCallData("voteRemove(address)"), 100_000);

    /// <summary>Executes <paramref name="transactions"/> as the next block, seals it with a quorum of its validators and commits it.</summary>
    public Block Produce(params SignedTransaction[] transactions)
    {
        var head = Chain.Head.Header;
        var number = head.Number + 1;
        var validators = ValidatorsAt(number);
        var context = new BlockContext(number, head.TimestampMs + 1_000, validators[(int)(number % (ulong)validators.Count)], Genesis.Consensus.BlockGasLimit, Genesis.ChainId);
        var result = Executor.Execute(Chain.LatestState, context, transactions);
        var header = result.BuildHeader(head.Hash, context, 0, ValidatorSet.ComputeHash(validators));
        var block = new Block(header, transactions, Seal(header.Hash, 0, validators.Take(CommitCertificates.Quorum(validators.Count))));
        Chain.Commit(block, result);
        return block;
    }

    /// <summary>Produces <paramref name="blocks"/> blocks of <paramref name="transfersPerBlock"/> transfers between dev accounts 0–9.</summary>
    public void ProduceTransfers(int blocks, int transfersPerBlock)
    {
        for (var b = 0; b < blocks; b++)
        {
            Produce([.. Enumerable.Range(0, transfersPerBlock).Select(i => Transfer(i % 10, (i + 1 + b) % 10, 1 + (ulong)b))]);
        }
    }

    /// <summary>A certificate over (hash, round) with a seal from each of <paramref name="signers"/> (dev validator keys 10–19).</summary>
    public static CommitCertificate Seal(Hash32 hash, uint round, IEnumerable<Address> signers) =>
        new(hash, round, [.. signers.Select(a => CommitCertificates.CreateSeal(hash, round, KeyOf(a), Ecdsa.Default))]);

    private static byte[] KeyOf(Address validator)
    {
        for (var key = FirstValidatorKey; key < FirstValidatorKey + 10; key++)
        {
            if (DevKeys.Address(key) == validator)
            {
                return DevKeys.PrivateKey(key);
            }
        }

        throw new ArgumentException($"{validator} is not a dev validator key", nameof(validator));
    }

    private SignedTransaction Sign(int key, Address to, byte[] data, ulong gasLimit)
    {
        // From the chain's state on first use, so a second instance over the same data dir goes on where the first stopped.
        var nonce = _nonces.TryGetValue(key, out var next) ? next : Chain.LatestState.GetNonce(DevKeys.Address(key));
        _nonces[key] = nonce + 1;
        return TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = Genesis.ChainId, Nonce = nonce, GasLimit = gasLimit, To = to, Data = data },
            DevKeys.PrivateKey(key),
            Ecdsa.Default);
    }
}
