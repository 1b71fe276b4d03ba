using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Modules;
using Ledger.Execution.Pool;
using Ledger.Execution.State;

namespace Ledger.Execution.Tests.Pool;

/// <summary>A pool over one stub module, with state nonces the test sets, and signing helpers.</summary>
internal sealed class PoolFixture
{
    public const ulong ChainId = 4242;

    public static readonly Address ModuleAddress = Address.Parse("0x2000000000000000000000000000000000000001");

    public PoolFixture(Func<TransactionPoolOptions, TransactionPoolOptions>? configure = null, ISenderPolicy? senders = null)
    {
        var options = new TransactionPoolOptions { ChainId = ChainId, MaxTransactionBytes = 4096, BlockGasLimit = 1_000_000 };
        Options = configure is null ? options : configure(options);
        Pool = new TransactionPool(Options, new ModuleRegistry([new StubModule(ModuleAddress)]), () => new View(this, BlockNumber), senders, time: Clock);
    }

    /// <summary>The pool's clock: tests move it with Advance.</summary>
    public ManualClock Clock { get; } = new();

    /// <summary>The number of the latest committed block (moves with <see cref="Commit"/>).</summary>
    public ulong BlockNumber { get; private set; }

    public TransactionPoolOptions Options { get; }

    public TransactionPool Pool { get; }

    /// <summary>Committed nonces by account; absent means 0.</summary>
    public Dictionary<Address, ulong> StateNonces { get; } = [];

    /// <summary>Runs once, right after the next state read returns (simulates a block committing mid-admission).</summary>
    public Action? AfterNextStateRead { get; set; }

    /// <summary>Yields the thread after every state read, widening the window in which a commit can intervene.</summary>
    public bool YieldAfterStateRead { get; set; }

    public ulong StateNonce(Address account)
    {
        ulong nonce;
        lock (StateNonces)
        {
            nonce = StateNonces.GetValueOrDefault(account);
        }

        var hook = AfterNextStateRead;
        AfterNextStateRead = null;
        hook?.Invoke();
        if (YieldAfterStateRead)
        {
            Thread.Yield(); // a disk read: let a commit slip in between the read and the pool's lock
        }

        return nonce;
    }

    /// <summary>Commits a block as a node does: state first, then the pool is told.</summary>
    public void Commit(IReadOnlyList<SignedTransaction> block)
    {
        ulong number;
        lock (StateNonces)
        {
            foreach (var tx in block)
            {
                StateNonces[tx.Sender] = Math.Max(StateNonces.GetValueOrDefault(tx.Sender), tx.Nonce + 1);
            }

            number = ++BlockNumber;
        }

        Pool.RemoveCommitted(number, block);
    }

    public static Address Account(int key) => DevKeys.Address(key);

    public static UnsignedTransaction Transfer(ulong nonce, byte marker = 0) => new()
    {
        ChainId = ChainId,
        Nonce = nonce,
        GasLimit = 60_000,
        To = ModuleAddress,
        Data = [0xa9, 0x05, 0x9c, 0xbb, marker],
    };

    public static byte[] Sign(int key, UnsignedTransaction tx) =>
        TransactionSigner.Sign(tx, DevKeys.PrivateKey(key), Ecdsa.Default).Raw;

    public static byte[] Sign(int key, ulong nonce, byte marker = 0) => Sign(key, Transfer(nonce, marker));

    public AdmissionResult Admit(int key, ulong nonce, byte marker = 0) => Pool.Admit(Sign(key, nonce, marker));

    public AdmissionResult Admit(int key, UnsignedTransaction tx) => Pool.Admit(Sign(key, tx));

    /// <summary>The state of one block as the pool sees it: the number is fixed, nonces come from the fixture.</summary>
    private sealed class View(PoolFixture fixture, ulong number) : ICommittedStateView
    {
        public ulong BlockNumber => number;

        public byte[]? Get(Address ns, ReadOnlySpan<byte> key) => null;

        public ulong GetNonce(Address account) => fixture.StateNonce(account);
    }

    private sealed class StubModule(Address address) : IModule
    {
        public string Name => "Stub";

        public Address Address => address;

        public string AbiJson => "[]";

        public ModuleResult Call(IModuleContext context, ReadOnlySpan<byte> input) => ModuleResult.Ok([], 1_000);

        public void InitializeGenesis(IModuleContext context)
        {
        }
    }
}
