using Ledger.Core.Transactions;

namespace Ledger.Core.Chain;

/// <summary>
/// How big a block may get, counted the same way by every node (genesis <c>consensus.maxBlockBytes</c>). A block's
/// size is <see cref="HeaderBytes"/> plus, per transaction, its raw signed bytes and <see cref="TransactionOverheadBytes"/>:
/// an upper bound of its <see cref="BlockCodec"/> encoding without a certificate, cheap to add up while a block fills.
/// The ceiling (<see cref="MaxBlockBytesCeiling"/>, half of <see cref="PeerMessageBytes"/>) keeps the largest block
/// sendable with room to spare: a PROPOSAL adds at most its justification, a synced block its certificate.
/// </summary>
public static class BlockLimits
{
    /// <summary>Largest gRPC message between peers (PeerNetworkOptions.MaxMessageBytes; the node does not change it).</summary>
    public const int PeerMessageBytes = 64 * 1024 * 1024;

    /// <summary>The highest <c>maxBlockBytes</c> genesis accepts: half a peer message (see the class summary).</summary>
    public const int MaxBlockBytesCeiling = PeerMessageBytes / 2;

    /// <summary>
    /// Counted once per block: the header (about 500 bytes, 256 of them the logs bloom), the transaction list's header,
    /// an empty certificate and the outer list's header.
    /// </summary>
    public const int HeaderBytes = 1024;

    /// <summary>
    /// Counted per transaction: the <c>[raw, sender]</c> list header (≤ 5 bytes), the raw string's header (≤ 5) and the
    /// sender (21).
    /// </summary>
    public const int TransactionOverheadBytes = 32;

    /// <summary>Upper bound of one commit seal in a certificate: <c>[validator, signature65]</c> is 91 bytes.</summary>
    public const int SealBytes = 96;

    /// <summary>What one transaction adds to its block's size.</summary>
    public static long TransactionBytes(SignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return TransactionBytes(transaction.Raw.Length);
    }

    /// <summary>What a transaction of <paramref name="rawLength"/> signed bytes adds to its block's size.</summary>
    public static long TransactionBytes(int rawLength) => (long)rawLength + TransactionOverheadBytes;

    /// <summary>The block's size as <c>maxBlockBytes</c> counts it (the certificate is not counted: see <see cref="CertificateBytes"/>).</summary>
    public static long SizeOf(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return SizeOf(block.Transactions);
    }

    /// <summary>The size of a block holding <paramref name="transactions"/>.</summary>
    public static long SizeOf(IReadOnlyList<SignedTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        long size = HeaderBytes;
        for (var i = 0; i < transactions.Count; i++)
        {
            size += TransactionBytes(transactions[i]);
        }

        return size;
    }

    /// <summary>The bytes a block of at most <paramref name="maxBlockBytes"/> leaves for its transactions (a pool's byte budget).</summary>
    public static long TransactionBudget(long maxBlockBytes) => Math.Max(0, maxBlockBytes - HeaderBytes);

    /// <summary>Upper bound of a commit certificate of <paramref name="validators"/> seals (hash, round and list headers included).</summary>
    public static long CertificateBytes(int validators) => 64 + ((long)SealBytes * Math.Max(0, validators));

    /// <summary>
    /// Why <paramref name="block"/> breaks the chain's size rules, or null: its size is at most <paramref name="maxBlockBytes"/>
    /// and each raw transaction at most <paramref name="maxTransactionBytes"/>. The pool and the block builders never make
    /// such a block; a proposer that does is refused by every honest validator, and block sync refuses it too.
    /// </summary>
    public static string? Check(Block block, long maxBlockBytes, int maxTransactionBytes)
    {
        ArgumentNullException.ThrowIfNull(block);
        var size = SizeOf(block);
        if (size > maxBlockBytes)
        {
            return $"block of {size} bytes exceeds maxBlockBytes ({maxBlockBytes})";
        }

        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var length = block.Transactions[i].Raw.Length;
            if (length > maxTransactionBytes)
            {
                return $"transaction {i} ({block.Transactions[i].Hash}) of {length} bytes exceeds maxTransactionBytes ({maxTransactionBytes})";
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="maxBlockBytes"/> is not a usable block limit for transactions of up to
    /// <paramref name="maxTransactionBytes"/>, or null: the largest transaction must fit a block on its own, and the
    /// largest block must fit a peer message with room to spare.
    /// </summary>
    public static string? CheckMaxBlockBytes(long maxBlockBytes, int maxTransactionBytes)
    {
        var smallest = HeaderBytes + TransactionBytes(maxTransactionBytes);
        if (maxBlockBytes < smallest)
        {
            return $"{maxBlockBytes} must be at least {smallest} so that a transaction of maxTransactionBytes ({maxTransactionBytes}) fits a block";
        }

        if (maxBlockBytes > MaxBlockBytesCeiling)
        {
            return $"{maxBlockBytes} must be at most {MaxBlockBytesCeiling}, half the {PeerMessageBytes}-byte peer message limit, so that a "
                + "proposal (block plus justification) and a synced block (block plus certificate) always fit one message";
        }

        return null;
    }
}
