namespace Ledger.Core.Crypto;

/// <summary>A recoverable signature: 32-byte r, 32-byte s (low half), recovery id 0 or 1.</summary>
public readonly record struct EcdsaSignature(byte[] R, byte[] S, int RecoveryId)
{
    /// <summary>r ‖ s ‖ v with v = recovery id (0/1), the 65-byte form used in seals and handshakes.</summary>
    public byte[] ToBytes65()
    {
        var bytes = new byte[65];
        R.CopyTo(bytes, 0);
        S.CopyTo(bytes, 32);
        bytes[64] = (byte)RecoveryId;
        return bytes;
    }

    public static EcdsaSignature FromBytes65(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65)
        {
            throw new ArgumentException("a recoverable signature is 65 bytes", nameof(bytes));
        }

        var v = bytes[64];
        // Accept both 0/1 and Ethereum's 27/28 convention.
        var recoveryId = v >= 27 ? v - 27 : v;
        return new EcdsaSignature(bytes[..32].ToArray(), bytes[32..64].ToArray(), recoveryId);
    }
}
