using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Chain;

/// <summary>
/// Binary Keccak-256 Merkle root used for the transactions and receipts roots (docs/architecture.md): pairs are
/// hashed as <c>Keccak(left ‖ right)</c>, an odd level duplicates its last node, one item is its own root, and
/// an empty list gives Keccak(""). These roots are commitments, not Ethereum Patricia tries. The
/// duplicate-last rule makes [a, b, c] and [a, b, c, c] share a root; items are unique transaction hashes
/// (and receipts embed them), so a block cannot contain such a repeat.
/// </summary>
public static class MerkleRoot
{
    public static Hash32 EmptyRoot { get; } = Keccak256.Hash([]);

    public static Hash32 Compute(IReadOnlyList<Hash32> items)
    {
        if (items.Count == 0)
        {
            return EmptyRoot;
        }

        var level = new Hash32[items.Count];
        for (var i = 0; i < level.Length; i++)
        {
            level[i] = items[i];
        }

        var count = level.Length;
        Span<byte> pair = stackalloc byte[2 * Hash32.Length];
        while (count > 1)
        {
            var next = 0;
            for (var i = 0; i < count; i += 2)
            {
                level[i].WriteTo(pair);
                level[i + 1 < count ? i + 1 : i].WriteTo(pair[Hash32.Length..]);
                level[next++] = Keccak256.Hash(pair);
            }

            count = next;
        }

        return level[0];
    }

    /// <summary>The transactions root: over the transaction hashes, in block order.</summary>
    public static Hash32 OfTransactions(IReadOnlyList<SignedTransaction> transactions)
    {
        var hashes = new Hash32[transactions.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = transactions[i].Hash;
        }

        return Compute(hashes);
    }

    /// <summary>The receipts root: over Keccak-256 of each receipt's <see cref="ReceiptCodec"/> encoding.</summary>
    public static Hash32 OfReceipts(IReadOnlyList<Receipt> receipts)
    {
        var hashes = new Hash32[receipts.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Keccak256.Hash(ReceiptCodec.Encode(receipts[i]));
        }

        return Compute(hashes);
    }
}
