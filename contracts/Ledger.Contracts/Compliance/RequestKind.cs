namespace Ledger.Contracts.Compliance;

/// <summary>The powerful operations that need a second officer of the same bank (maker–checker).</summary>
public enum RequestKind : byte
{
    None = 0,

    /// <summary>Mint above the token's single-step threshold: <c>account</c> receives <c>amount</c>.</summary>
    Mint = 1,

    /// <summary>Burn <c>amount</c> from the customer <c>account</c>.</summary>
    Burn = 2,

    /// <summary>Move <c>amount</c> from <c>account</c> to <c>to</c> under a legal order (<c>reference</c>).</summary>
    ForcedTransfer = 3,

    /// <summary>Move the identity and every balance of the lost key <c>account</c> to the new key <c>to</c>; waits out a delay after approval.</summary>
    Recovery = 4,
}
