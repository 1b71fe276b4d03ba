using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Modules;
using Ledger.Execution.Pool;

namespace Ledger.Execution.Tests.Pool;

/// <summary>A pool over one stub module, with state nonces the test sets, and signing helpers.</summary>
internal sealed class PoolFixture
{
    public const ulong ChainId = 4242;

    public static readonly Address ModuleAddress = Address.Parse("0x2000000000000000000000000000000000000001");

    public PoolFixture(Func<TransactionPoolOptions, TransactionPoolOptions>? configure = null)
    {
        var options = new TransactionPoolOptions { ChainId = ChainId, MaxTransactionBytes = 4096, BlockGasLimit = 1_000_000 };
        Options = configure is null ? options : configure(options);
        Pool = new TransactionPool(Options, new ModuleRegistry([new StubModule(ModuleAddress)]), StateNonce);
    }

    public TransactionPoolOptions Options { get; }

    public TransactionPool Pool { get; }

    /// <summary>Committed nonces by account; absent means 0.</summary>
    public Dictionary<Address, ulong> StateNonces { get; } = [];

    public ulong StateNonce(Address account)
    {
        lock (StateNonces)
        {
            return StateNonces.GetValueOrDefault(account);
        }
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
