using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Processing;
using Ledger.JsonRpc;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Production;
using Ledger.Storage;
using Ledger.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Support;

/// <summary>
/// A node over an in-memory (or given) store with the real modules of the repo's genesis, reduced to bank A's
/// validator as <c>ledger dev</c> does; helpers sign token transfers with the public dev keys.
/// </summary>
internal sealed class NodeFixture : IAsyncDisposable
{
    public static readonly GenesisConfig Genesis = EmbeddedGenesis.Load().WithSingleValidator(0);

    public static readonly byte[] ValidatorKey = DevKeys.PrivateKey(10);

    public NodeFixture(
        IKeyValueStore? store = null,
        NodeOptions? options = null,
        Func<BlockExecutor, IBlockBuilder>? builder = null,
        TimeProvider? time = null,
        GenesisConfig? genesis = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        Node = LedgerNode.Open(
            genesis ?? Genesis,
            new LocalKeySigner(ValidatorKey, Ecdsa.Default),
            store ?? new MemoryKeyValueStore(),
            options ?? new NodeOptions { BlockIntervalMs = 0 },
            Fatal,
            loggers ?? NullLoggerFactory.Instance,
            time,
            builder);
    }

    public RecordingFatalErrorHandler Fatal { get; } = new();

    public LedgerNode Node { get; }

    /// <summary>USDA, bank A's dollar token; dev accounts 0–9 hold 1,000,000.00 of it.</summary>
    public static Address Token => Genesis.Tokens[0].Address;

    public static Address Account(int index) => DevKeys.Address(index);

    public static byte[] TransferData(Address to, UInt256 amount) =>
        new AbiWriter().WriteAddress(to).WriteUInt256(amount).ToCallData("transfer(address,uint256)");

    public static SignedTransaction SignTransfer(int from, ulong nonce, int to, ulong amount, TxType type = TxType.DynamicFee, ulong gasLimit = 200_000) =>
        TransactionSigner.Sign(
            new UnsignedTransaction
            {
                Type = type,
                ChainId = Genesis.ChainId,
                Nonce = nonce,
                GasLimit = gasLimit,
                To = Token,
                Data = TransferData(Account(to), amount),
            },
            DevKeys.PrivateKey(from),
            Ecdsa.Default);

    public SubmitResult Submit(int from, ulong nonce, int to = 5, ulong amount = 100, TxType type = TxType.DynamicFee) =>
        Node.Backend.Submit(SignTransfer(from, nonce, to, amount, type).Raw);

    public UInt256 BalanceOf(Address account)
    {
        var data = new AbiWriter().WriteAddress(account).ToCallData("balanceOf(address)");
        var outcome = Node.Backend.Call(new CallRequest(null, Token, data, null, UInt256.Zero), Node.Chain.HeadNumber);
        Assert.True(outcome.Success, outcome.Error ?? outcome.RevertReason);
        return UInt256.FromBigEndian(outcome.Output);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
