using Ledger.Core.Primitives;

namespace Ledger.Custody.Pkcs11;

/// <summary>The DER pieces PKCS#11 uses for secp256k1 keys: the curve's OID (CKA_EC_PARAMS) and the public point (CKA_EC_POINT).</summary>
internal static class Secp256k1Der
{
    /// <summary>DER of OID 1.3.132.0.10 (secp256k1), the CKA_EC_PARAMS of every key this node generates or accepts.</summary>
    public static ReadOnlySpan<byte> CurveOid => [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x0A];

    /// <summary>
    /// The address of a CKA_EC_POINT value. PKCS#11 v2.40 says the point is a DER OCTET STRING wrapping the uncompressed
    /// point (04 41 04 X Y); some tokens return the bare point (04 X Y). Both are accepted; anything else is refused.
    /// </summary>
    public static bool TryAddressOfPoint(ReadOnlySpan<byte> ecPoint, out Address address)
    {
        address = default;
        var point = ecPoint.Length == 67 && ecPoint[0] == 0x04 && ecPoint[1] == 0x41 ? ecPoint[2..] : ecPoint;
        if (point.Length != 65 || point[0] != 0x04)
        {
            return false;
        }

        address = Address.FromPublicKey(point[1..]);
        return true;
    }
}
