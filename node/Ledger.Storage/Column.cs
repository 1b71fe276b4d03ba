namespace Ledger.Storage;

/// <summary>The column families of a node's database. The numeric value is stable: it names the family on disk.</summary>
public enum Column
{
    /// <summary>Block bodies (transactions and certificate) by block hash.</summary>
    Blocks = 0,

    /// <summary>Headers by hash, and the canonical number → hash index.</summary>
    Headers = 1,

    /// <summary>Transaction hash → (block number, index).</summary>
    TxIndex = 2,

    /// <summary>Receipts of a block by block hash.</summary>
    Receipts = 3,

    /// <summary>World state: nonces and module storage, plus the state-root tree.</summary>
    State = 4,

    /// <summary>Consensus lock/prepared state, written synced before voting.</summary>
    Consensus = 5,

    /// <summary>Head pointer, genesis hash, schema version.</summary>
    Meta = 6,

    /// <summary>Reverse state diffs of recent blocks (the value each key had before the block), for historical state reads.</summary>
    StateHistory = 7,

    /// <summary>
    /// What happened to each account (transfers and module events by account, token and counterparty, newest first),
    /// written in the block's own batch so history never scans the chain (docs/state.md, "Account index").
    /// </summary>
    AccountIndex = 8,
}
