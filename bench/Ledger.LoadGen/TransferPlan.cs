using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.LoadGen;

/// <summary>
/// Every transfer of the timed phase, signed and serialized into request bodies before timing starts, so the
/// measured phase spends no client CPU on signatures or JSON. Transfer j is sent by account j mod A with nonce
/// j div A: consecutive batches hold consecutive nonces of many senders, which keeps every sender far inside
/// the pool's future-nonce window even when batches overtake each other on concurrent connections.
/// </summary>
public sealed class TransferPlan
{
    private TransferPlan(string[] hashes, byte[][] bodies, int batchSize)
    {
        Hashes = hashes;
        Bodies = bodies;
        BatchSize = batchSize;
    }

    /// <summary>Transaction hash of transfer j, 0x-prefixed lower-case hex (the form JSON-RPC returns).</summary>
    public string[] Hashes { get; }

    /// <summary>Request body of batch b: eth_sendRawTransaction for transfers [b·BatchSize, …), with JSON ids equal to the transfer index.</summary>
    public byte[][] Bodies { get; }

    public int BatchSize { get; }

    public int Count => Hashes.Length;

    public int BatchStart(int batch) => batch * BatchSize;

    public int BatchLength(int batch) => Math.Min(BatchSize, Count - BatchStart(batch));

    public static TransferPlan Create(IReadOnlyList<LoadAccount> accounts, int transfers, int batchSize, ulong chainId, Address token, IEcdsa ecdsa)
    {
        var raw = new string[transfers];
        var hashes = new string[transfers];
        var amount = UInt256.One;
        Parallel.For(0, transfers, j =>
        {
            var sender = accounts[j % accounts.Count];
            var recipient = accounts[(j + 1) % accounts.Count];
            var tx = TransactionSigner.Sign(
                new UnsignedTransaction
                {
                    Type = TxType.DynamicFee,
                    ChainId = chainId,
                    Nonce = (ulong)(j / accounts.Count),
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
        return new TransferPlan(hashes, bodies, batchSize);
    }
}
