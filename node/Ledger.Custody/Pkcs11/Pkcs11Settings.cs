namespace Ledger.Custody.Pkcs11;

/// <summary>
/// Where a validator key lives in a PKCS#11 token: the vendor's module (a shared library), the token's label, the key's
/// label (CKA_LABEL of both halves of the pair) and the file holding the user PIN. The PIN itself is never kept here.
/// </summary>
public sealed record Pkcs11Settings(string ModulePath, string TokenLabel, string KeyLabel, string PinFile);
