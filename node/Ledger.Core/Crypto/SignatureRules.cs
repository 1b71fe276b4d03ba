namespace Ledger.Core.Crypto;

/// <summary>
/// The validity rules every <see cref="IEcdsa"/> applies before touching the curve, in one place so the native
/// and managed implementations cannot disagree on them: r and s in [1, n), s ≤ n/2 (EIP-2: the high-s twin of
/// a valid signature would give a second hash for the same transaction), recovery id 0 or 1.
/// </summary>
public static class SignatureRules
{
    /// <summary>The secp256k1 group order n, big-endian.</summary>
    public static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>⌊n/2⌋, big-endian: the largest s a canonical (low-s) signature may carry.</summary>
    public static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>
    /// Copies r and s (big-endian, at most 32 bytes each, shorter values are left-padded) into
    /// <paramref name="compact64"/> as r ‖ s and checks every rule. Returns the reason when a rule fails.
    /// </summary>
    public static bool TryNormalize(
        ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId, Span<byte> compact64, out string? error)
    {
        error = Check(r, s, recoveryId);
        if (error is not null)
        {
            return false;
        }

        compact64[..64].Clear();
        r.CopyTo(compact64[(32 - r.Length)..32]);
        s.CopyTo(compact64[(64 - s.Length)..64]);
        if (IsZero(compact64[..32]) || compact64[..32].SequenceCompareTo(Order) >= 0)
        {
            error = "signature r is zero or not below the curve order";
            return false;
        }

        if (IsZero(compact64[32..64]))
        {
            error = "signature s is zero";
            return false;
        }

        if (compact64[32..64].SequenceCompareTo(HalfOrder) > 0)
        {
            error = "signature s is in the upper half of the curve order (EIP-2 requires low s)";
            return false;
        }

        return true;
    }

    private static string? Check(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId)
    {
        if (recoveryId is not (0 or 1))
        {
            return $"signature recovery id must be 0 or 1, got {recoveryId}";
        }

        if (r.Length > 32 || s.Length > 32)
        {
            return "signature r and s are at most 32 bytes each";
        }

        return null;
    }

    private static bool IsZero(ReadOnlySpan<byte> value) => !value.ContainsAnyExcept((byte)0);
}
