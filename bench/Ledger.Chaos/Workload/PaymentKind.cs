namespace Ledger.Chaos.Workload;

/// <summary>The payments the workload makes: a token transfer, an FX settlement against a signed quote, an invoice payment.</summary>
public enum PaymentKind
{
    Transfer,
    FxSettlement,
    InvoicePayment,
}
