namespace Ledger.Core.Transactions;

/// <summary>EIP-2718 transaction types Ledger accepts.</summary>
public enum TxType : byte
{
    Legacy = 0,
    AccessList = 1,
    DynamicFee = 2,
}
