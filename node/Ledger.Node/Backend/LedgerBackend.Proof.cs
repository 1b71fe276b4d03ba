using Ledger.Contracts;
using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>A page of a deposit token's holders at the head (the caller has checked it is a token).</summary>
    public TokenHolderPage? GetTokenHolders(Address token, ulong start, int count)
    {
        var head = _chain.HeadNumber;
        var (holders, total) = TokenHolders.Read(_chain.StateAt(head), token, start, count);
        return new TokenHolderPage(head, holders, total);
    }

    /// <summary>The balance entry of a DepositToken (namespace = token, key = BalanceTag ‖ account), proven at the head.</summary>
    public BalanceProof? GetBalanceProof(Address account, Address token) => GetBalanceProof(account, token, _chain.HeadNumber);

    /// <summary>
    /// The balance entry proven against block <paramref name="blockNumber"/>'s state root: the head's tree rolled
    /// back through the reverse diffs of the blocks after it (docs/state.md, "Concurrent readers and historical state").
    /// </summary>
    public BalanceProof? GetBalanceProof(Address account, Address token, ulong blockNumber)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, TokenStorage.BalanceTag, account);
        StateProof proof;
        try
        {
            proof = _chain.GetProof(blockNumber, token, key);
        }
        catch (StateNotRetainedException e)
        {
            throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, e.Message);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, "header not found");
        }

        var header = _chain.GetHeader(proof.BlockNumber)
            ?? throw new InvalidOperationException($"block {proof.BlockNumber} of the proven state is missing");
        if (header.StateRoot != proof.StateRoot)
        {
            throw new InvalidOperationException($"block {proof.BlockNumber} has state root {header.StateRoot}, the proof {proof.StateRoot}");
        }

        var entries = new ProofEntry[proof.BucketEntries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new ProofEntry(proof.BucketEntries[i].LeafKey, proof.BucketEntries[i].EntryHash);
        }

        return new BalanceProof(proof.BlockNumber, header.Hash, proof.StateRoot, token, proof.Key, proof.Value, proof.LeafKey, proof.Bucket, entries, proof.Siblings);
    }
}
