namespace Ledger.JsonRpc.Parameters;

public enum BlockTag
{
    Latest,
    Earliest,
    Pending,
    Safe,
    Finalized,
    Number,
    Hash,
}
