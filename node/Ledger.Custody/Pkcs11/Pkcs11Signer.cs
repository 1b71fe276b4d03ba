using System.Collections.Concurrent;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Ledger.Custody.Pkcs11;

/// <summary>
/// Signs inside a PKCS#11 token with a secp256k1 key that never leaves it (CKM_ECDSA over the 32-byte digest). The token
/// returns r ‖ s; this class makes s low (EIP-2) and finds the recovery id by recovering against the token's public key,
/// read once at start, so the result is the same 65-byte r ‖ s ‖ recId a <see cref="LocalKeySigner"/> gives. Unlike it,
/// signatures are not deterministic (the token picks its own nonce); every verifier accepts both.
/// Thread-safe: a pool of at most <see cref="MaxSessions"/> sessions, one per concurrent signature, all sharing the
/// token's login.
/// </summary>
public sealed partial class Pkcs11Signer : IConsensusSigner, IDisposable
{
    private readonly Pkcs11Token _token;
    private readonly bool _ownsToken;
    private readonly IObjectHandle _privateKey;
    private readonly IEcdsa _ecdsa;
    private readonly SemaphoreSlim _sessionSlots;
    private readonly ConcurrentBag<ISession> _idle = [];
    private int _disposed;

    private Pkcs11Signer(Pkcs11Token token, bool ownsToken, IObjectHandle privateKey, Address address, IEcdsa ecdsa, int maxSessions)
    {
        _token = token;
        _ownsToken = ownsToken;
        _privateKey = privateKey;
        Address = address;
        _ecdsa = ecdsa;
        MaxSessions = maxSessions;
        _sessionSlots = new SemaphoreSlim(maxSessions, maxSessions);
    }

    public Address Address { get; }

    /// <summary>Most signatures in flight at once (sessions open beside the login session).</summary>
    public int MaxSessions { get; }

    /// <summary>
    /// Opens the token and the key labelled <see cref="Pkcs11Settings.KeyLabel"/>; throws <see cref="KeyCustodyException"/>
    /// with a clear message for a missing module, token or key, a refused PIN, or a key that is not secp256k1.
    /// </summary>
    public static Pkcs11Signer Open(Pkcs11Settings settings, IEcdsa? ecdsa = null, int maxSessions = 4)
    {
        var token = Pkcs11Token.Open(settings);
        try
        {
            return Open(token, settings.KeyLabel, ownsToken: true, ecdsa, maxSessions);
        }
        catch
        {
            token.Dispose();
            throw;
        }
    }

    /// <summary>A signer over an open token (not disposed with the signer unless <paramref name="ownsToken"/>).</summary>
    public static Pkcs11Signer Open(Pkcs11Token token, string keyLabel, bool ownsToken = false, IEcdsa? ecdsa = null, int maxSessions = 4)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(keyLabel);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        try
        {
            var privateKey = FindOne(token, CKO.CKO_PRIVATE_KEY, keyLabel);
            var address = ReadAddress(token, keyLabel);
            return new Pkcs11Signer(token, ownsToken, privateKey, address, ecdsa ?? Ecdsa.Default, maxSessions);
        }
        catch (Pkcs11Exception ex)
        {
            throw new KeyCustodyException($"PKCS#11 token '{token.Label}', key '{keyLabel}': {ex.Message}", ex);
        }
    }

    public byte[] Sign(Hash32 digest)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var hash = digest.ToArray();
        var compact = SignInToken(hash);
        return ToRecoverable(hash, compact);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for signatures in flight, then close the sessions they used.
        for (var i = 0; i < MaxSessions; i++)
        {
            _sessionSlots.Wait();
        }

        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        if (_ownsToken)
        {
            _token.Dispose();
        }
    }

    private byte[] SignInToken(byte[] hash)
    {
        _sessionSlots.Wait();
        try
        {
            var session = _idle.TryTake(out var idle) ? idle : _token.OpenSession();
            try
            {
                using var mechanism = Pkcs11Token.Mechanisms.Create(CKM.CKM_ECDSA);
                var signature = session.Sign(mechanism, _privateKey, hash);
                _idle.Add(session);
                return signature;
            }
            catch (Pkcs11Exception ex)
            {
                // The session may be broken (token reset, device removed): drop it; the next signature opens a fresh one.
                session.Dispose();
                throw new KeyCustodyException($"PKCS#11 token '{_token.Label}' failed to sign: {ex.Message}", ex);
            }
        }
        finally
        {
            _sessionSlots.Release();
        }
    }

    private static IObjectHandle FindOne(Pkcs11Token token, CKO objectClass, string keyLabel)
    {
        var found = token.Find(
        [
            Pkcs11Token.Attributes.Create(CKA.CKA_CLASS, objectClass),
            Pkcs11Token.Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC),
            Pkcs11Token.Attributes.Create(CKA.CKA_LABEL, keyLabel),
        ]);
        var what = objectClass == CKO.CKO_PRIVATE_KEY ? "private" : "public";
        return found.Count switch
        {
            1 => found[0],
            0 => throw new KeyCustodyException(
                $"PKCS#11 token '{token.Label}' has no EC {what} key labelled '{keyLabel}' (create one with `ledger key hsm-new`)"),
            _ => throw new KeyCustodyException(
                $"PKCS#11 token '{token.Label}' has {found.Count} EC {what} keys labelled '{keyLabel}'; labels must be unique"),
        };
    }

    /// <summary>The address of the public half, after checking the pair is on secp256k1.</summary>
    private static Address ReadAddress(Pkcs11Token token, string keyLabel)
    {
        var publicKey = FindOne(token, CKO.CKO_PUBLIC_KEY, keyLabel);
        var values = token.Read(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
        var curve = values[0].GetValueAsByteArray() ?? [];
        if (!curve.AsSpan().SequenceEqual(Secp256k1Der.CurveOid))
        {
            throw new KeyCustodyException(
                $"PKCS#11 key '{keyLabel}' in token '{token.Label}' is not on secp256k1 (CKA_EC_PARAMS {Convert.ToHexString(curve)}); a validator key must be");
        }

        return Secp256k1Der.TryAddressOfPoint(values[1].GetValueAsByteArray() ?? [], out var address)
            ? address
            : throw new KeyCustodyException($"PKCS#11 key '{keyLabel}' in token '{token.Label}' has a CKA_EC_POINT that is not an uncompressed secp256k1 point");
    }
}
