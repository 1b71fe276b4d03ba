using Ledger.Core.Transactions;

namespace Ledger.Execution.Processing;

/// <summary>
/// Gas is accounting only (no fees): a transaction uses its intrinsic gas (<see cref="IntrinsicGas(SignedTransaction)"/>:
/// 21,000 plus its calldata, priced as EIP-2028 does) plus the fixed cost each module function reports in
/// ModuleResult.GasUsed, plus the costs of the modules it calls in turn.
/// </summary>
public static class GasSchedule
{
    /// <summary>The base every transaction pays, as in Ethereum; the intrinsic gas adds its calldata.</summary>
    public const ulong Intrinsic = TransactionGas.Base;

    /// <summary>Deepest chain of module-to-module calls (the top-level call is depth 0).</summary>
    public const int MaxCallDepth = 8;

    /// <summary>
    /// The least gas a transaction needs before any module runs: 21,000 + 16 per non-zero and 4 per zero byte of its
    /// data. A gas limit below it is refused by the pool and makes a block invalid.
    /// </summary>
    public static ulong IntrinsicGas(SignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return TransactionGas.Intrinsic(transaction.Data);
    }

    /// <summary>The intrinsic gas of a call with <paramref name="data"/> (eth_call and eth_estimateGas count it too).</summary>
    public static ulong IntrinsicGas(ReadOnlySpan<byte> data) => TransactionGas.Intrinsic(data);

    /// <summary>Adds without wrapping: a gas total that would overflow is simply "more than any limit".</summary>
    public static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
