using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Network.Sync;

/// <summary>
/// Everything a node can check about a block from an untrusted peer before re-executing it: it decodes, it is the
/// expected height, it links to our head, its certificate proves it final under the validator set, and its transactions
/// are the ones the header commits to with senders recovered here (the peer's stored senders are discarded).
/// </summary>
public static class SyncBlockVerifier
{
    /// <summary>Returns the decoded block with senders re-recovered; throws <see cref="BlockSyncException"/> naming the fault.</summary>
    public static Block Verify(
        ReadOnlySpan<byte> encoded, ulong expectedHeight, Hash32 parentHash, IReadOnlyList<Address> validators, IEcdsa ecdsa) =>
        Verify(encoded, expectedHeight, parentHash, validators, ecdsa, long.MaxValue);

    /// <summary>
    /// As <see cref="Verify(ReadOnlySpan{byte}, ulong, Hash32, IReadOnlyList{Address}, IEcdsa)"/>, and the block must respect
    /// the chain's <paramref name="maxBlockBytes"/> (checked before its transactions are decoded and recovered).
    /// </summary>
    public static Block Verify(
        ReadOnlySpan<byte> encoded, ulong expectedHeight, Hash32 parentHash, IReadOnlyList<Address> validators, IEcdsa ecdsa, long maxBlockBytes)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var encodedLimit = maxBlockBytes == long.MaxValue ? long.MaxValue : maxBlockBytes + BlockLimits.CertificateBytes(validators.Count);
        if (encoded.Length > encodedLimit)
        {
            throw new BlockSyncException($"block {expectedHeight} is {encoded.Length} bytes, more than maxBlockBytes ({maxBlockBytes}) and a certificate allow");
        }

        Block block;
        try
        {
            block = BlockCodec.Decode(encoded);
        }
        catch (FormatException ex)
        {
            throw new BlockSyncException($"block {expectedHeight} is malformed: {ex.Message}", ex);
        }

        var header = block.Header;
        if (header.Number != expectedHeight)
        {
            throw new BlockSyncException($"expected block {expectedHeight}, got block {header.Number}");
        }

        if (header.ParentHash != parentHash)
        {
            throw new BlockSyncException($"block {expectedHeight} has parent {header.ParentHash}, but block {expectedHeight - 1} is {parentHash}");
        }

        if (BlockLimits.Check(block, maxBlockBytes, int.MaxValue) is { } tooLarge)
        {
            throw new BlockSyncException($"block {expectedHeight}: {tooLarge}");
        }

        if (block.Certificate is not { } certificate)
        {
            throw new BlockSyncException($"block {expectedHeight} has no commit certificate");
        }

        if (!CommitCertificates.Verify(certificate, header, validators, ecdsa, out var error))
        {
            throw new BlockSyncException($"block {expectedHeight} has an invalid commit certificate: {error}");
        }

        if (certificate.Round != header.Round)
        {
            throw new BlockSyncException($"block {expectedHeight} header round {header.Round} differs from its certificate round {certificate.Round}");
        }

        // The certificate covers the header only; the transactions root ties the bodies to it (checked before the costly recovery).
        var root = MerkleRoot.OfTransactions(block.Transactions);
        if (root != header.TransactionsRoot)
        {
            throw new BlockSyncException(
                $"block {expectedHeight} transactions hash to root {root}, but the header commits to {header.TransactionsRoot}");
        }

        RecoverSenders(block, ecdsa);
        return block;
    }

    private const int ParallelRecoveryThreshold = 64;

    private static void RecoverSenders(Block block, IEcdsa ecdsa)
    {
        var transactions = block.Transactions;
        var firstBad = int.MaxValue;
        if (transactions.Count >= ParallelRecoveryThreshold)
        {
            // Recovery is the hottest path of catching up; blocks are independent per transaction.
            Parallel.For(0, transactions.Count, i =>
            {
                if (!Recover(transactions[i], ecdsa))
                {
                    InterlockedMin(ref firstBad, i);
                }
            });
        }
        else
        {
            for (var i = 0; i < transactions.Count && firstBad == int.MaxValue; i++)
            {
                firstBad = Recover(transactions[i], ecdsa) ? firstBad : i;
            }
        }

        if (firstBad != int.MaxValue)
        {
            var tx = transactions[firstBad];
            TransactionSigner.TryRecoverSender(tx, ecdsa, out var error);
            throw new BlockSyncException($"block {block.Header.Number} transaction {firstBad} ({tx.Hash}) has an invalid signature: {error}");
        }
    }

    private static bool Recover(SignedTransaction tx, IEcdsa ecdsa)
    {
        tx.HasSender = false; // never trust the sender a peer stored with its block
        tx.Sender = default;
        return TransactionSigner.TryRecoverSender(tx, ecdsa);
    }

    private static void InterlockedMin(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
