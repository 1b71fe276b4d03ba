using Ledger.Contracts;
using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>The balance entry of a DepositToken (namespace = token, key = BalanceTag ‖ account), proven at the head.</summary>
    public BalanceProof? GetBalanceProof(Address account, Address token)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, TokenStorage.BalanceTag, account);
        var proof = StateProofs.Build(_chain.World, token, key);
        var block = _chain.GetBlock(proof.BlockNumber)
            ?? throw new InvalidOperationException($"block {proof.BlockNumber} of the proven state is missing");
        if (block.Header.StateRoot != proof.StateRoot)
        {
            throw new InvalidOperationException($"block {proof.BlockNumber} has state root {block.Header.StateRoot}, the proof {proof.StateRoot}");
        }

        var entries = new ProofEntry[proof.BucketEntries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new ProofEntry(proof.BucketEntries[i].LeafKey, proof.BucketEntries[i].EntryHash);
        }

        return new BalanceProof(proof.BlockNumber, block.Header.Hash, proof.StateRoot, token, proof.Key, proof.Value, proof.LeafKey, proof.Bucket, entries, proof.Siblings);
    }
}
