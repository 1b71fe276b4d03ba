namespace Ledger.Execution.Pool;

/// <summary>Why the pool refused a transaction. The checks run in the order of the members.</summary>
public enum AdmissionError
{
    /// <summary>Admitted (new, or replacing a pending transaction with the same sender and nonce).</summary>
    None = 0,

    /// <summary>The raw encoding is longer than the genesis limit.</summary>
    TooLarge,

    /// <summary>Not a decodable Ethereum transaction (bad RLP, bad v, unknown type …).</summary>
    Malformed,

    /// <summary>Signed for another network (EIP-155 chain id).</summary>
    WrongChainId,

    /// <summary>The signature does not recover to a public key.</summary>
    InvalidSignature,

    /// <summary>A non-zero value: Ledger has no native coin.</summary>
    NonZeroValue,

    /// <summary>A contract creation (no recipient): Ledger has no EVM.</summary>
    ContractCreation,

    /// <summary>The recipient is not a registered module.</summary>
    UnknownModule,

    /// <summary>Gas limit below the intrinsic 21,000.</summary>
    GasTooLow,

    /// <summary>Gas limit above the block gas limit: it could never be included.</summary>
    GasAboveBlockLimit,

    /// <summary>No bank registered the sender and it holds no operator, officer, regulator or validator role.</summary>
    SenderNotPermitted,

    /// <summary>A transaction with the same hash is already pending.</summary>
    AlreadyKnown,

    /// <summary>The nonce is already used in committed state.</summary>
    NonceTooLow,

    /// <summary>The nonce is at or beyond the sender's committed nonce plus the future window.</summary>
    NonceTooHigh,

    /// <summary>The sender replaced more transactions than its per-minute allowance.</summary>
    ReplacementRateLimited,

    /// <summary>The pool, or the sender's share of it, is at capacity.</summary>
    PoolFull,
}
