using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.LoadGen;

/// <summary>
/// Every transfer of the timed phase, signed and serialized into request bodies before timing starts, so the
/// measured phase spends no client CPU on signatures or JSON. Spread shape: transfer j is sent by account j mod A with
/// nonce j div A: consecutive batches hold consecutive nonces of many senders, which keeps every sender far inside
/// the pool's future-nonce window even when batches overtake each other on concurrent connections. Processor shape:
/// account j div P sends with nonce j mod P (P transfers per account), so a batch is a run of one account's nonces.
/// </summary>
public sealed class TransferPlan
{
    private TransferPlan(string[] hashes, byte[][] bodies, int batchSize, int[] senders, int[] nonces, int accounts)
    {
        Hashes = hashes;
        Bodies = bodies;
        BatchSize = batchSize;
        SenderOf = senders;
        NonceOf = nonces;
        Accounts = accounts;
    }

    /// <summary>The index of the account that sends transfer j.</summary>
    public int[] SenderOf { get; }

    /// <summary>The nonce of transfer j.</summary>
    public int[] NonceOf { get; }

    public int Accounts { get; }

    /// <summary>Transaction hash of transfer j, 0x-prefixed lower-case hex (the form JSON-RPC returns).</summary>
    public string[] Hashes { get; }

    /// <summary>Request body of batch b: eth_sendRawTransaction for transfers [b·BatchSize, …), with JSON ids equal to the transfer index.</summary>
    public byte[][] Bodies { get; }

    public int BatchSize { get; }

    public int Count => Hashes.Length;

    public int BatchStart(int batch) => batch * BatchSize;

    public int BatchLength(int batch) => Math.Min(BatchSize, Count - BatchStart(batch));

    public static TransferPlan Create(IReadOnlyList<LoadAccount> accounts, int transfers, int batchSize, ulong chainId, Address token, IEcdsa ecdsa, bool processorShape = false)
    {
        var raw = new string[transfers];
        var hashes = new string[transfers];
        var senders = new int[transfers];
        var nonces = new int[transfers];
        var perAccount = (transfers + accounts.Count - 1) / accounts.Count;
        var amount = UInt256.One;
        Parallel.For(0, transfers, j =>
        {
            senders[j] = processorShape ? j / perAccount : j % accounts.Count;
            nonces[j] = processorShape ? j % perAccount : j / accounts.Count;
            var sender = accounts[senders[j]];
            var recipient = accounts[(senders[j] + 1) % accounts.Count];
            var tx = TransactionSigner.Sign(
                new UnsignedTransaction
                {
                    Type = TxType.DynamicFee,
                    ChainId = chainId,
                    Nonce = (ulong)nonces[j],
                    GasLimit = 100_000,
                    To = token,
                    Data = Calls.Transfer(recipient.Address, amount),
                },
                sender.PrivateKey,
                ecdsa);
            raw[j] = Hex.Encode(tx.Raw);
            hashes[j] = tx.Hash.ToString();
        });

        var batches = (transfers + batchSize - 1) / batchSize;
        var bodies = new byte[batches][];
        Parallel.For(0, batches, b =>
        {
            var start = b * batchSize;
            var length = Math.Min(batchSize, transfers - start);
            bodies[b] = JsonRpcBodies.SendRawBatch(start, new ArraySegment<string>(raw, start, length));
        });
        return new TransferPlan(hashes, bodies, batchSize, senders, nonces, accounts.Count);
    }
}
