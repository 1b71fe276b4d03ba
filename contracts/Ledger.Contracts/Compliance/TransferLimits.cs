using Ledger.Core.Primitives;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// Limits on one token for an account or a jurisdiction; zero means "no limit". Stored as three full 32-byte
/// words, so a record is read with one storage access.
/// </summary>
public readonly record struct TransferLimits(UInt256 PerTransaction, UInt256 Daily, UInt256 MaxBalance)
{
    public const int EncodedLength = 3 * UInt256.Length;

    public bool IsNone => PerTransaction.IsZero && Daily.IsZero && MaxBalance.IsZero;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        PerTransaction.WriteBigEndian(bytes.AsSpan(0, 32));
        Daily.WriteBigEndian(bytes.AsSpan(32, 32));
        MaxBalance.WriteBigEndian(bytes.AsSpan(64, 32));
        return bytes;
    }

    public static TransferLimits Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != EncodedLength)
        {
            throw new InvalidOperationException($"stored limits are {stored.Length} bytes, not {EncodedLength}");
        }

        return new TransferLimits(
            UInt256.FromBigEndian(stored[..32]),
            UInt256.FromBigEndian(stored.Slice(32, 32)),
            UInt256.FromBigEndian(stored.Slice(64, 32)));
    }
}
