namespace Ledger.JsonRpc.Subscriptions;

public enum FilterKind
{
    Blocks,
    PendingTransactions,
    Logs,
}
