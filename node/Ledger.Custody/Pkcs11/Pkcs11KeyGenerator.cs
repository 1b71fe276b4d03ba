using Ledger.Core.Primitives;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Ledger.Custody.Pkcs11;

/// <summary>
/// Creates a secp256k1 key pair inside a token (C_GenerateKeyPair, CKM_EC_KEY_PAIR_GEN): the private half is sensitive
/// and not extractable, so it is born in the token and never leaves it. Used by <c>ledger key hsm-new</c>.
/// </summary>
public static class Pkcs11KeyGenerator
{
    /// <summary>Generates a pair labelled <paramref name="keyLabel"/> and returns its address; refuses a label already used.</summary>
    public static Address Generate(Pkcs11Token token, string keyLabel)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(keyLabel);
        var existing = token.Find([Pkcs11Token.Attributes.Create(CKA.CKA_LABEL, keyLabel)]);
        if (existing.Count > 0)
        {
            throw new KeyCustodyException(
                $"PKCS#11 token '{token.Label}' already has {existing.Count} object(s) labelled '{keyLabel}'; choose another label (a key is never replaced)");
        }

        var id = Guid.NewGuid().ToByteArray(); // CKA_ID ties the two halves together for tools that pair keys by id
        var attributes = Pkcs11Token.Attributes;
        List<IObjectAttribute> publicTemplate =
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, false),
            attributes.Create(CKA.CKA_LABEL, keyLabel),
            attributes.Create(CKA.CKA_ID, id),
            attributes.Create(CKA.CKA_VERIFY, true),
            attributes.Create(CKA.CKA_EC_PARAMS, Secp256k1Der.CurveOid.ToArray()),
        ];
        List<IObjectAttribute> privateTemplate =
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, true),
            attributes.Create(CKA.CKA_LABEL, keyLabel),
            attributes.Create(CKA.CKA_ID, id),
            attributes.Create(CKA.CKA_SIGN, true),
            attributes.Create(CKA.CKA_SENSITIVE, true),
            attributes.Create(CKA.CKA_EXTRACTABLE, false),
        ];
        try
        {
            token.WithLoginSession(session =>
            {
                using var mechanism = Pkcs11Token.Mechanisms.Create(CKM.CKM_EC_KEY_PAIR_GEN);
                session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out _);
                return true;
            });
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_MECHANISM_INVALID or CKR.CKR_CURVE_NOT_SUPPORTED or CKR.CKR_ATTRIBUTE_VALUE_INVALID or CKR.CKR_DOMAIN_PARAMS_INVALID)
        {
            throw new KeyCustodyException($"PKCS#11 token '{token.Label}' cannot generate secp256k1 keys ({ex.RV}); the node needs a token that supports that curve", ex);
        }
        catch (Pkcs11Exception ex)
        {
            throw new KeyCustodyException($"PKCS#11 token '{token.Label}': key generation failed: {ex.Message}", ex);
        }

        using var signer = Pkcs11Signer.Open(token, keyLabel, ownsToken: false, maxSessions: 1);
        return signer.Address;
    }
}
