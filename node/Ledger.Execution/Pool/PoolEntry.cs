using Ledger.Core.Transactions;

namespace Ledger.Execution.Pool;

/// <summary>One pooled transaction with what the pool's bounds need: when it arrived and what it costs in memory.</summary>
internal sealed class PoolEntry(SignedTransaction transaction, long admittedAtMs)
{
    /// <summary>
    /// Memory a pooled transaction holds beyond its bytes: the decoded object, its hash, signature and the pool's
    /// own entries (measured: see docs/architecture.md, "Transaction pool"). The payload is held twice (raw and
    /// decoded calldata), hence <see cref="AccountedBytes"/> counts the raw length twice.
    /// </summary>
    public const int FixedOverheadBytes = 640;

    public SignedTransaction Transaction { get; } = transaction;

    public long AdmittedAtMs { get; } = admittedAtMs;

    public ulong Nonce => Transaction.Nonce;

    public long AccountedBytes { get; } = FixedOverheadBytes + (2L * transaction.Raw.Length);

    public static long AccountedBytesOf(SignedTransaction transaction) => FixedOverheadBytes + (2L * transaction.Raw.Length);
}
