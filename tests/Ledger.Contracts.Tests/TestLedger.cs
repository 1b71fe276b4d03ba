using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;
using Ledger.Storage.Memory;

namespace Ledger.Contracts.Tests;

/// <summary>
/// A one-validator chain on the real execution host: the modules of <see cref="ModuleCatalog"/>, a
/// <see cref="ChainStore"/> over an in-memory store, and <see cref="BlockExecutor"/>. Each <see cref="Send"/>
/// signs a real EIP-1559 transaction with a dev key and commits it in its own certified block.
/// </summary>
public sealed class TestLedger : IDisposable
{
    private const int ValidatorKey = 10;
    private const ulong BlockGasLimit = 30_000_000;

    private readonly MemoryKeyValueStore _store = new();
    private readonly IEcdsa _ecdsa = Ecdsa.Default;
    private readonly List<Exception> _moduleFaults = [];

    public TestLedger(GenesisConfig? genesis = null)
    {
        Genesis = (genesis ?? TestGenesis.Create()) with
        {
            Validators = [new ValidatorConfig("bank-a", DevKeys.Address(ValidatorKey), "127.0.0.1", 50051, 8545)],
        };
        Registry = new ModuleRegistry(ModuleCatalog.FromGenesis(Genesis));
        Chain = new ChainStore(_store, Registry, Genesis, records: new Ledger.Contracts.Records.RecordClassifier(Registry.All));
        Chain.Open();
        Executor = new BlockExecutor(Registry, Genesis.ChainId) { OnModuleFault = (_, e) => _moduleFaults.Add(e) };
        TimestampMs = Genesis.TimestampMs;
    }

    public GenesisConfig Genesis { get; }

    public ModuleRegistry Registry { get; }

    public ChainStore Chain { get; }

    public BlockExecutor Executor { get; }

    /// <summary>Time of the last block; the next block is one second later.</summary>
    public ulong TimestampMs { get; private set; }

    /// <summary>Module exceptions the host turned into reverts: always a module bug, so tests assert it stays empty.</summary>
    public IReadOnlyList<Exception> ModuleFaults => _moduleFaults;

    public void AdvanceTime(TimeSpan by) => TimestampMs += (ulong)by.TotalMilliseconds;

    /// <summary>Signs a call from dev account <paramref name="signer"/> and commits it alone in a new block.</summary>
    public Receipt Send(int signer, Address to, byte[] data, ulong gasLimit = 1_000_000) =>
        SendBlock((signer, to, data, gasLimit))[0];

    /// <summary>Commits one block holding the given calls in order; returns their receipts.</summary>
    public IReadOnlyList<Receipt> SendBlock(params (int Signer, Address To, byte[] Data, ulong GasLimit)[] calls)
    {
        var nonces = new Dictionary<int, ulong>();
        var transactions = new List<SignedTransaction>();
        foreach (var (signer, to, data, gasLimit) in calls)
        {
            if (!nonces.TryGetValue(signer, out var nonce))
            {
                nonce = Chain.LatestState.GetNonce(DevKeys.Address(signer));
            }

            nonces[signer] = nonce + 1;
            var unsigned = new UnsignedTransaction
            {
                ChainId = Genesis.ChainId,
                Nonce = nonce,
                GasLimit = gasLimit,
                To = to,
                Data = data,
            };
            transactions.Add(TransactionSigner.Sign(unsigned, DevKeys.PrivateKey(signer), _ecdsa));
        }

        TimestampMs += 1_000;
        var head = Chain.Head.Header;
        var context = new BlockContext(head.Number + 1, TimestampMs, DevKeys.Address(ValidatorKey), BlockGasLimit, Genesis.ChainId);
        var result = Executor.Execute(Chain.LatestState, context, transactions);
        var header = result.BuildHeader(head.Hash, context, round: 0, ValidatorSet.ComputeHash(Genesis.ValidatorAddresses()));
        var seal = CommitCertificates.CreateSeal(header.Hash, 0, DevKeys.PrivateKey(ValidatorKey), _ecdsa);
        var block = new Block(header, transactions, new CommitCertificate(header.Hash, 0, [seal]));
        Chain.Commit(block, result);
        return result.Receipts;
    }

    /// <summary>eth_call on the latest state at the next block's time.</summary>
    public ModuleCallOutcome Call(Address to, byte[] data, Address? from = null)
    {
        var head = Chain.Head.Header;
        var context = new BlockContext(head.Number + 1, TimestampMs + 1_000, DevKeys.Address(ValidatorKey), BlockGasLimit, Genesis.ChainId);
        return Executor.Call(Chain.LatestState, context, from ?? DevKeys.Address(0), to, data, 10_000_000);
    }

    /// <summary>A view call that must succeed; returns its output.</summary>
    public byte[] View(Address to, byte[] data)
    {
        var outcome = Call(to, data);
        Assert.True(outcome.Success, $"view reverted: {outcome.RevertReason}");
        return outcome.Output;
    }

    /// <summary>Every record of <paramref name="account"/> in the account index, newest first (all pages, by cursor).</summary>
    public IReadOnlyList<AccountRecord> History(Address account, Address? token = null, Address? counterparty = null)
    {
        var all = new List<AccountRecord>();
        HistoryCursor? cursor = null;
        do
        {
            var page = Chain.GetAccountHistory(new AccountHistoryQuery
            {
                Account = account,
                Token = token,
                Counterparty = counterparty,
                PageSize = AccountHistoryQuery.MaxPageSize,
                Cursor = cursor,
            });
            all.AddRange(page.Records);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    public UInt256 BalanceOf(Address token, Address account) =>
        new AbiReader(View(token, Calls.BalanceOf(account)), "balanceOf").ReadUInt256("balance");

    public UInt256 UInt256View(Address token, string signature) =>
        new AbiReader(View(token, new AbiWriter().ToCallData(signature)), signature).ReadUInt256("value");

    public IModule Module(string name) => Registry.All.Single(m => m.Name == name);

    /// <summary>The Error(string) reason of a reverted receipt (asserting that it did revert).</summary>
    public static string RevertReason(Receipt receipt)
    {
        Assert.False(receipt.Success, "expected a revert, the transaction succeeded");
        return DecodeError(receipt.RevertData);
    }

    public static string DecodeError(byte[] revertData)
    {
        Assert.True(revertData.AsSpan().StartsWith(Ledger.Execution.Modules.ModuleResult.ErrorSelector), "revert data is not Error(string)");
        return new AbiReader(revertData.AsSpan(AbiSelector.Length), "Error(string)").ReadString("reason");
    }

    /// <summary>Sends and asserts success (showing the revert reason otherwise).</summary>
    public Receipt Ok(int signer, Address to, byte[] data)
    {
        var receipt = Send(signer, to, data);
        Assert.True(receipt.Success, receipt.Success ? "" : $"expected success, reverted: {DecodeError(receipt.RevertData)}");
        return receipt;
    }

    /// <summary>Sends and returns the revert reason (asserting that it reverted).</summary>
    public string Fails(int signer, Address to, byte[] data) => RevertReason(Send(signer, to, data));

    /// <summary>Compliance.canTransfer as an eth_call at the next block's time.</summary>
    public (bool Allowed, string Reason) CanTransfer(Address token, Address from, Address to, UInt256 amount)
    {
        var reader = new AbiReader(
            View(TestGenesis.Compliance, Calls.Encode("canTransfer(address,address,address,uint256)", token, from, to, amount)),
            "canTransfer");
        return (reader.ReadBool("allowed"), reader.ReadString("reason"));
    }

    /// <summary>The names of the events in <paramref name="receipt"/>'s logs, resolved against every module's ABI.</summary>
    public IReadOnlyList<string> EventNames(Receipt receipt)
    {
        var byTopic = Registry.All.OfType<ModuleBase>().SelectMany(m => m.Events).GroupBy(e => e.Topic0).ToDictionary(g => g.Key, g => g.First().Name);
        return receipt.Logs.Select(l => byTopic.GetValueOrDefault(l.Topics[0], "?")).ToArray();
    }

    public void Dispose() => _store.Dispose();
}
