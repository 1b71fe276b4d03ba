using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Transactions;

/// <summary>
/// Encodes transactions exactly as Ethereum clients do: the payload a sender signs, and the signed raw bytes
/// (legacy RLP list, or the EIP-2718 envelope <c>type ‖ rlp([...])</c> for typed transactions).
/// </summary>
public static class TransactionEncoder
{
    /// <summary>
    /// The bytes whose Keccak-256 the sender signs: EIP-155 <c>rlp([nonce, gasPrice, gas, to, value, data,
    /// chainId, 0, 0])</c> for legacy, <c>type ‖ rlp([fields without signature])</c> for typed transactions.
    /// </summary>
    public static byte[] EncodeForSigning(UnsignedTransaction tx)
    {
        var writer = new RlpWriter(128 + tx.Data.Length);
        WritePayload(writer, tx, signature: null);
        return writer.ToArray();
    }

    public static Hash32 SigningHash(UnsignedTransaction tx) => Keccak256.Hash(EncodeForSigning(tx));

    /// <summary>The raw signed transaction, as <c>eth_sendRawTransaction</c> takes it.</summary>
    public static byte[] EncodeSigned(UnsignedTransaction tx, EcdsaSignature signature)
    {
        if (signature.RecoveryId is not (0 or 1))
        {
            throw new ArgumentException("the recovery id must be 0 or 1", nameof(signature));
        }

        var writer = new RlpWriter(200 + tx.Data.Length);
        WritePayload(writer, tx, signature);
        return writer.ToArray();
    }

    private static void WritePayload(RlpWriter writer, UnsignedTransaction tx, EcdsaSignature? signature)
    {
        switch (tx.Type)
        {
            case TxType.Legacy:
                if (tx.AccessList.Count != 0)
                {
                    throw new ArgumentException("a legacy transaction cannot carry an access list", nameof(tx));
                }

                writer.StartList()
                    .WriteUInt64(tx.Nonce).WriteUInt256(tx.GasPrice).WriteUInt64(tx.GasLimit)
                    .WriteOptionalAddress(tx.To).WriteUInt256(tx.Value).WriteBytes(tx.Data);
                if (signature is { } legacySignature)
                {
                    // EIP-155: v = chainId * 2 + 35 + parity.
                    var v = checked((tx.ChainId * 2) + 35 + (ulong)legacySignature.RecoveryId);
                    writer.WriteUInt64(v);
                    WriteSignatureScalars(writer, legacySignature);
                }
                else
                {
                    writer.WriteUInt64(tx.ChainId).WriteUInt64(0).WriteUInt64(0);
                }

                writer.EndList();
                return;
            case TxType.AccessList:
            case TxType.DynamicFee:
                writer.WriteEncoded([(byte)tx.Type]);
                writer.StartList().WriteUInt64(tx.ChainId).WriteUInt64(tx.Nonce);
                if (tx.Type == TxType.AccessList)
                {
                    writer.WriteUInt256(tx.GasPrice);
                }
                else
                {
                    writer.WriteUInt256(tx.MaxPriorityFeePerGas).WriteUInt256(tx.MaxFeePerGas);
                }

                writer.WriteUInt64(tx.GasLimit).WriteOptionalAddress(tx.To).WriteUInt256(tx.Value).WriteBytes(tx.Data);
                WriteAccessList(writer, tx.AccessList);
                if (signature is { } typedSignature)
                {
                    writer.WriteUInt64((ulong)typedSignature.RecoveryId);
                    WriteSignatureScalars(writer, typedSignature);
                }

                writer.EndList();
                return;
            default:
                throw new ArgumentException($"unsupported transaction type {tx.Type}", nameof(tx));
        }
    }

    private static void WriteSignatureScalars(RlpWriter writer, EcdsaSignature signature) =>
        writer.WriteUInt256(UInt256.FromBigEndianVariable(signature.R))
            .WriteUInt256(UInt256.FromBigEndianVariable(signature.S));

    internal static void WriteAccessList(RlpWriter writer, IReadOnlyList<AccessListEntry> accessList)
    {
        writer.StartList();
        for (var i = 0; i < accessList.Count; i++)
        {
            var entry = accessList[i];
            writer.StartList().WriteAddress(entry.Address).StartList();
            for (var k = 0; k < entry.StorageKeys.Count; k++)
            {
                writer.WriteHash(entry.StorageKeys[k]);
            }

            writer.EndList().EndList();
        }

        writer.EndList();
    }
}
