namespace Ledger.Wallet.Cli;

/// <summary>Process exit codes: scripts branch on these (docs/wallet.md lists them).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bug or an unexpected failure; the message says what happened.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown option, malformed amount or address, unknown account or token.</summary>
    public const int Usage = 2;

    /// <summary>The node refused the transaction, or it reverted (insufficient balance, frozen account...).</summary>
    public const int Rejected = 3;

    /// <summary>The node could not be reached (not running, wrong address, timed out).</summary>
    public const int Unreachable = 4;

    /// <summary>The key could not be unlocked: wrong password or a damaged keystore file.</summary>
    public const int KeyError = 5;
}
