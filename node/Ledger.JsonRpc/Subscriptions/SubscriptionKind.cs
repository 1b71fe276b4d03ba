namespace Ledger.JsonRpc.Subscriptions;

public enum SubscriptionKind
{
    NewHeads,
    Logs,
    NewPendingTransactions,
}
