namespace Ledger.Contracts.Compliance;

/// <summary>The outcome of the transfer rules: allowed, held for a guardian, or the first rule that refuses it.</summary>
public enum TransferRule : byte
{
    Allowed = 0,

    /// <summary>Allowed, but the amount is above the sender's guardian threshold: it waits for the guardian.</summary>
    Held,
    ZeroReceiver,
    Paused,
    SenderNotVerified,
    ReceiverNotVerified,
    SenderFrozen,
    ReceiverFrozen,
    NoCorridor,
    InsufficientBalance,
    LockedBalance,
    PerTransactionLimit,
    DailyLimit,
    MaxBalance,

    /// <summary>Into a custodian module, above the sender's guardian threshold: custody cannot wait for a guardian.</summary>
    GuardianRequired,

    /// <summary>A direct transfer into a custodian module's address: tokens enter custody only through the module.</summary>
    DirectToCustodian,
}
