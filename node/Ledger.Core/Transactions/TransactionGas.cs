namespace Ledger.Core.Transactions;

/// <summary>
/// The intrinsic gas of a transaction, as Ethereum prices it since EIP-2028: 21,000 plus 16 per non-zero and 4 per zero
/// byte of calldata. Gas is accounting only on Ledger (nothing is charged), but pricing calldata makes the block gas
/// limit bound the bytes a block carries, and keeps <c>eth_estimateGas</c> what Ethereum tools expect. Here, in Core,
/// because genesis validation needs it too (a maximum-size transaction must fit the block gas limit); the executor and
/// the pool use it through <c>GasSchedule</c>. Access lists are accepted but not priced (no EVM reads them).
/// </summary>
public static class TransactionGas
{
    /// <summary>Charged to every transaction.</summary>
    public const ulong Base = 21_000;

    /// <summary>Per zero byte of calldata.</summary>
    public const ulong ZeroByte = 4;

    /// <summary>Per non-zero byte of calldata (EIP-2028).</summary>
    public const ulong NonZeroByte = 16;

    /// <summary>21,000 + 4 per zero byte + 16 per non-zero byte of <paramref name="data"/>.</summary>
    public static ulong Intrinsic(ReadOnlySpan<byte> data)
    {
        var zeros = (ulong)data.Count((byte)0);
        var nonZeros = (ulong)data.Length - zeros;
        return Base + (zeros * ZeroByte) + (nonZeros * NonZeroByte);
    }

    /// <summary>
    /// The most intrinsic gas any transaction of <paramref name="rawBytes"/> signed bytes can need: its calldata is
    /// shorter than the whole encoding, and no byte costs more than <see cref="NonZeroByte"/>.
    /// </summary>
    public static ulong MaxIntrinsic(int rawBytes) => Base + ((ulong)Math.Max(0, rawBytes) * NonZeroByte);
}
