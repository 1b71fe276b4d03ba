namespace Ledger.Contracts.Merchants;

/// <summary>The life of an invoice as <c>getInvoice</c> reports it (the uint8 of the ABI).</summary>
public enum InvoiceStatus : byte
{
    /// <summary>Created and payable until its expiry.</summary>
    Open = 0,

    /// <summary>Paid; nothing refunded.</summary>
    Paid = 1,

    /// <summary>Paid, and part of the payment returned by the merchant.</summary>
    PartiallyRefunded = 2,

    /// <summary>Paid, and everything paid returned by the merchant.</summary>
    Refunded = 3,

    /// <summary>Never paid and past its expiry. Not stored: an open invoice reads as expired once the block time reaches it.</summary>
    Expired = 4,
}
