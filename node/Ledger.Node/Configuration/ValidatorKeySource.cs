namespace Ledger.Node.Configuration;

/// <summary>Where a validator key lives (<see cref="ValidatorKeySettings.Source"/>).</summary>
public enum ValidatorKeySource
{
    /// <summary>A plain hex file: development and tests only.</summary>
    KeyFile,

    /// <summary>An encrypted keystore v3 file, decrypted once at start.</summary>
    KeyStore,

    /// <summary>A key inside a PKCS#11 token; the node never holds it.</summary>
    Pkcs11,
}
