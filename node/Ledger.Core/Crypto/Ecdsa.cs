namespace Ledger.Core.Crypto;

/// <summary>
/// The process-wide secp256k1 implementations. <see cref="Default"/> is native libsecp256k1 when it loads on
/// this platform (about 6x faster for recovery) and the managed port otherwise; the probe runs once.
/// </summary>
public static class Ecdsa
{
    private static readonly Lazy<NativeEcdsa?> NativeInstance = new(ProbeNative);

    public static IEcdsa Managed { get; } = new ManagedEcdsa();

    /// <summary>Null when the native library is missing or fails its self-check on this machine.</summary>
    public static IEcdsa? Native => NativeInstance.Value;

    public static IEcdsa Default => (IEcdsa?)NativeInstance.Value ?? Managed;

    private static NativeEcdsa? ProbeNative()
    {
        try
        {
            var native = new NativeEcdsa();
            // A known key and a sign/recover round trip: a library that loads but misbehaves must not be used.
            Span<byte> key = stackalloc byte[32];
            key[31] = 1;
            Span<byte> message = stackalloc byte[32];
            message.Fill(0x42);
            var expected = Managed.AddressOf(key);
            var signature = native.Sign(message, key);
            return native.AddressOf(key) == expected
                && native.TryRecoverAddress(message, signature.R, signature.S, signature.RecoveryId, out var signer)
                && signer == expected
                ? native
                : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException
            or TypeInitializationException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
