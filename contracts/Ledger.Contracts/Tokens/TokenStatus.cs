namespace Ledger.Contracts.Tokens;

/// <summary>
/// One status byte per token, read first by every transfer: whether it is paused, and whether any account has
/// ever set a guardian or had tokens locked (so a token with neither skips those reads).
/// </summary>
[Flags]
public enum TokenStatus : byte
{
    None = 0,
    Paused = 1,
    AnyGuardian = 2,
    AnyLock = 4,
}
