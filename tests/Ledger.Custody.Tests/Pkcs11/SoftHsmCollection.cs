using Ledger.Custody.Pkcs11;
using Ledger.TestSupport;

namespace Ledger.Custody.Tests.Pkcs11;

/// <summary>
/// One SoftHSM2 token store for the PKCS#11 tests of this process. SoftHSM2 reads SOFTHSM2_CONF when the module is
/// initialised, and the module is process-wide, so the variable is set once here and these tests run one at a time
/// (each disposes its signer, which finalises the module and ends the login).
/// </summary>
public sealed class SoftHsmFixture : IDisposable
{
    public SoftHsmFixture()
    {
        Token = SoftHsm2Token.Create("ledger-unit");
        Token.UseInThisProcess();
    }

    internal SoftHsm2Token Token { get; }

    public Pkcs11Settings Settings(string keyLabel, string? pinFile = null, string? tokenLabel = null) =>
        new(SoftHsm2Token.ModulePath, tokenLabel ?? Token.Label, keyLabel, pinFile ?? Token.PinFile);

    public void Dispose() => Token.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsmFixture>
{
    public const string Name = "SoftHSM2";
}
