using Ledger.Core.Primitives;

namespace Ledger.Core.Transactions;

/// <summary>
/// A transaction before signing, as a wallet, the bench or a test builds it. Legacy and EIP-2930 use
/// <see cref="GasPrice"/>; EIP-1559 uses <see cref="MaxPriorityFeePerGas"/> and <see cref="MaxFeePerGas"/>.
/// Ledger charges no fees, so zero prices are fine; <see cref="ChainId"/> is required because every accepted
/// transaction is replay-protected.
/// </summary>
public sealed record UnsignedTransaction
{
    public TxType Type { get; init; } = TxType.DynamicFee;

    public required ulong ChainId { get; init; }

    public ulong Nonce { get; init; }

    public UInt256 GasPrice { get; init; }

    public UInt256 MaxPriorityFeePerGas { get; init; }

    public UInt256 MaxFeePerGas { get; init; }

    public ulong GasLimit { get; init; }

    /// <summary>Null encodes contract creation, which Ledger's pool rejects (there is no EVM).</summary>
    public Address? To { get; init; }

    public UInt256 Value { get; init; }

    public byte[] Data { get; init; } = [];

    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];
}
