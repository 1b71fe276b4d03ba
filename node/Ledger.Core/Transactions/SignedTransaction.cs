using Ledger.Core.Primitives;

namespace Ledger.Core.Transactions;

/// <summary>
/// A decoded Ethereum transaction (legacy EIP-155, EIP-2930 or EIP-1559) with its signature and, once
/// recovered at admission, its sender. Immutable; <see cref="Raw"/> is the exact signed encoding
/// (the EIP-2718 envelope for typed transactions) and <see cref="Hash"/> is Keccak-256 of it.
/// </summary>
public sealed class SignedTransaction
{
    public required TxType Type { get; init; }

    public required ulong ChainId { get; init; }

    public required ulong Nonce { get; init; }

    /// <summary>Legacy and EIP-2930 gas price; for EIP-1559 this equals <see cref="MaxFeePerGas"/>.</summary>
    public required UInt256 GasPrice { get; init; }

    public required UInt256 MaxPriorityFeePerGas { get; init; }

    public required UInt256 MaxFeePerGas { get; init; }

    public required ulong GasLimit { get; init; }

    /// <summary>Null means contract creation, which Ledger rejects (there is no EVM).</summary>
    public required Address? To { get; init; }

    public required UInt256 Value { get; init; }

    public required byte[] Data { get; init; }

    public required IReadOnlyList<AccessListEntry> AccessList { get; init; }

    /// <summary>The v as encoded: EIP-155 v (chainId*2+35+parity) for legacy, y-parity (0/1) for typed.</summary>
    public required ulong V { get; init; }

    public required UInt256 R { get; init; }

    public required UInt256 S { get; init; }

    public required byte[] Raw { get; init; }

    public required Hash32 Hash { get; init; }

    /// <summary>Keccak-256 of the unsigned payload that the sender signed.</summary>
    public required Hash32 SigningHash { get; init; }

    public int RecoveryId => Type == TxType.Legacy ? (int)(V - 35 - (2 * ChainId)) : (int)V;

    /// <summary>Set once by sender recovery at admission; every later stage reads it, none recomputes it.</summary>
    public Address Sender { get; set; }

    public bool HasSender { get; set; }
}
