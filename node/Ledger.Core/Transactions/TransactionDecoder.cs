using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Transactions;

/// <summary>
/// Decodes raw signed transactions: legacy with EIP-155, EIP-2930 (type 1) and EIP-1559 (type 2). Strict: only
/// canonical RLP, the exact field count, no trailing bytes; anything else throws
/// <see cref="TransactionFormatException"/> naming the field. Sender recovery is separate
/// (<see cref="TransactionSigner.TryRecoverSender(SignedTransaction, IEcdsa)"/>) so a node can decode, check
/// cheap rules, and only then pay for the curve operation.
/// </summary>
public static partial class TransactionDecoder
{
    /// <summary>The largest raw transaction accepted, as geth's pool (4 × 32 KiB): bounds memory per transaction.</summary>
    public const int MaxEncodedLength = 128 * 1024;

    private const int LegacyFieldCount = 9;
    private const int AccessListFieldCount = 11;
    private const int DynamicFeeFieldCount = 12;

    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new TransactionFormatException("empty transaction: expected an RLP list (legacy) or a typed envelope (type byte + RLP list)");
        }

        if (raw.Length > MaxEncodedLength)
        {
            throw new TransactionFormatException($"transaction is {raw.Length} bytes; at most {MaxEncodedLength} are accepted");
        }

        var first = raw[0];
        return first switch
        {
            >= 0xc0 => DecodeLegacy(raw),
            (byte)TxType.AccessList => DecodeTyped(raw, TxType.AccessList),
            (byte)TxType.DynamicFee => DecodeTyped(raw, TxType.DynamicFee),
            < 0x80 => throw new TransactionFormatException(
                $"unsupported transaction type 0x{first:x2}: Ledger accepts legacy, 0x01 (EIP-2930) and 0x02 (EIP-1559)"),
            _ => throw new TransactionFormatException(
                $"transaction starts with 0x{first:x2}, an RLP string: expected an RLP list (legacy) or a type byte below 0x80"),
        };
    }

    private static SignedTransaction DecodeLegacy(ReadOnlySpan<byte> raw)
    {
        var field = "envelope";
        try
        {
            var list = OpenList(raw, "legacy", LegacyFieldCount, out var payload);
            field = "nonce";
            var nonce = list.ReadUInt64();
            field = "gasPrice";
            var gasPrice = list.ReadUInt256();
            field = "gasLimit";
            var gasLimit = list.ReadUInt64();
            field = "to";
            var to = list.ReadOptionalAddress();
            field = "value";
            var value = list.ReadUInt256();
            field = "data";
            var data = ToArray(list.ReadBytes());
            var unsignedFields = payload[..list.Position];
            field = "v";
            var v = list.ReadUInt64();
            field = "r";
            var r = list.ReadUInt256();
            field = "s";
            var s = list.ReadUInt256();

            if (v is 27 or 28)
            {
                throw new TransactionFormatException("transaction is not replay-protected (EIP-155 chain id required)");
            }

            if (v < 35)
            {
                throw new TransactionFormatException($"invalid legacy v {v}: EIP-155 requires v = chainId * 2 + 35 or chainId * 2 + 36");
            }

            var chainId = (v - 35) / 2;
            return new SignedTransaction
            {
                Type = TxType.Legacy,
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = gasPrice,
                MaxPriorityFeePerGas = gasPrice,
                MaxFeePerGas = gasPrice,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = [],
                V = v,
                R = r,
                S = s,
                Raw = raw.ToArray(),
                Hash = Keccak256.Hash(raw),
                SigningHash = SigningHash(typeByte: null, unsignedFields, chainId),
            };
        }
        catch (RlpException ex)
        {
            throw new TransactionFormatException($"malformed legacy transaction, field '{field}': {ex.Message}", ex);
        }
    }

    private static SignedTransaction DecodeTyped(ReadOnlySpan<byte> raw, TxType type)
    {
        var kind = type == TxType.AccessList ? "EIP-2930" : "EIP-1559";
        var field = "envelope";
        try
        {
            var expected = type == TxType.AccessList ? AccessListFieldCount : DynamicFeeFieldCount;
            var list = OpenList(raw[1..], kind, expected, out var payload);
            field = "chainId";
            var chainId = list.ReadUInt64();
            field = "nonce";
            var nonce = list.ReadUInt64();
            UInt256 priorityFee;
            UInt256 maxFee;
            if (type == TxType.AccessList)
            {
                field = "gasPrice";
                priorityFee = maxFee = list.ReadUInt256();
            }
            else
            {
                field = "maxPriorityFeePerGas";
                priorityFee = list.ReadUInt256();
                field = "maxFeePerGas";
                maxFee = list.ReadUInt256();
            }

            field = "gasLimit";
            var gasLimit = list.ReadUInt64();
            field = "to";
            var to = list.ReadOptionalAddress();
            field = "value";
            var value = list.ReadUInt256();
            field = "data";
            var data = ToArray(list.ReadBytes());
            field = "accessList";
            var accessList = ReadAccessList(list.ReadList());
            var unsignedFields = payload[..list.Position];
            field = "yParity";
            var yParity = list.ReadUInt64();
            field = "r";
            var r = list.ReadUInt256();
            field = "s";
            var s = list.ReadUInt256();
            if (yParity > 1)
            {
                throw new TransactionFormatException($"invalid {kind} transaction: y-parity must be 0 or 1, got {yParity}");
            }

            return new SignedTransaction
            {
                Type = type,
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = maxFee,
                MaxPriorityFeePerGas = priorityFee,
                MaxFeePerGas = maxFee,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
                V = yParity,
                R = r,
                S = s,
                Raw = raw.ToArray(),
                Hash = Keccak256.Hash(raw),
                SigningHash = SigningHash((byte)type, unsignedFields, chainId: null),
            };
        }
        catch (RlpException ex)
        {
            throw new TransactionFormatException($"malformed {kind} transaction, field '{field}': {ex.Message}", ex);
        }
    }

    /// <summary>Opens the outer list, rejects trailing bytes and a wrong field count, and returns the list payload.</summary>
    private static RlpReader OpenList(ReadOnlySpan<byte> encoded, string kind, int expectedFields, out ReadOnlySpan<byte> payload)
    {
        if (encoded.IsEmpty)
        {
            throw new TransactionFormatException($"{kind} transaction has a type byte but no RLP payload");
        }

        if (encoded[0] < 0xc0)
        {
            throw new TransactionFormatException($"{kind} transaction payload must be an RLP list, found 0x{encoded[0]:x2}");
        }

        var outer = new RlpReader(encoded);
        var list = outer.ReadList();
        if (outer.HasMore)
        {
            throw new TransactionFormatException($"{outer.Remaining} trailing bytes after the {kind} transaction");
        }

        // With no trailing bytes the payload is the tail of the input; the unsigned fields are its prefix.
        payload = encoded[^list.Remaining..];
        var count = 0;
        var counter = list;
        while (counter.HasMore)
        {
            _ = counter.ReadEncodedItem();
            count++;
        }

        if (count != expectedFields)
        {
            throw new TransactionFormatException($"a {kind} transaction has {expectedFields} fields, got {count}");
        }

        return list;
    }

    private static IReadOnlyList<AccessListEntry> ReadAccessList(RlpReader list)
    {
        if (!list.HasMore)
        {
            return [];
        }

        var entries = new List<AccessListEntry>();
        while (list.HasMore)
        {
            var entry = list.ReadList();
            var address = entry.ReadAddress();
            var keysReader = entry.ReadList();
            entry.EnsureFinished("an access list entry [address, storageKeys]");
            var keys = new List<Hash32>();
            while (keysReader.HasMore)
            {
                keys.Add(keysReader.ReadHash());
            }

            entries.Add(new AccessListEntry(address, keys));
        }

        return entries;
    }

    private static byte[] ToArray(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? [] : bytes.ToArray();
}
