using System.Buffers;
using System.Numerics;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Transactions;

/// <summary>The signing hash, rebuilt from the decoded bytes without re-encoding any field.</summary>
public static partial class TransactionDecoder
{
    private const int StackBufferLimit = 512;

    /// <summary>
    /// Keccak of the signed payload rebuilt from the original field bytes (no re-encoding): typed
    /// <c>type ‖ rlp(fields)</c>, or legacy EIP-155 <c>rlp(fields ‖ chainId ‖ 0 ‖ 0)</c>.
    /// </summary>
    private static Hash32 SigningHash(byte? typeByte, ReadOnlySpan<byte> unsignedFields, ulong? chainId)
    {
        Span<byte> suffix = stackalloc byte[11];
        var suffixLength = 0;
        if (chainId is { } id)
        {
            suffixLength = WriteScalar(suffix, id);
            suffix[suffixLength++] = 0x80;
            suffix[suffixLength++] = 0x80;
        }

        var payloadLength = unsignedFields.Length + suffixLength;
        var total = (typeByte is null ? 0 : 1) + 9 + payloadLength;
        byte[]? rented = null;
        var buffer = total <= StackBufferLimit ? stackalloc byte[StackBufferLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            var length = 0;
            if (typeByte is { } t)
            {
                buffer[length++] = t;
            }

            length += WriteListHeader(buffer[length..], payloadLength);
            unsignedFields.CopyTo(buffer[length..]);
            length += unsignedFields.Length;
            suffix[..suffixLength].CopyTo(buffer[length..]);
            length += suffixLength;
            return Keccak256.Hash(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int WriteScalar(Span<byte> destination, ulong value)
    {
        if (value is > 0 and < 0x80)
        {
            destination[0] = (byte)value;
            return 1;
        }

        var byteCount = (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;
        destination[0] = (byte)(0x80 + byteCount);
        for (var i = 0; i < byteCount; i++)
        {
            destination[byteCount - i] = (byte)(value >> (8 * i));
        }

        return 1 + byteCount;
    }

    private static int WriteListHeader(Span<byte> destination, int payloadLength)
    {
        if (payloadLength < 56)
        {
            destination[0] = (byte)(0xc0 + payloadLength);
            return 1;
        }

        var byteCount = (32 - BitOperations.LeadingZeroCount((uint)payloadLength) + 7) / 8;
        destination[0] = (byte)(0xf7 + byteCount);
        for (var i = 0; i < byteCount; i++)
        {
            destination[byteCount - i] = (byte)(payloadLength >> (8 * i));
        }

        return 1 + byteCount;
    }
}
