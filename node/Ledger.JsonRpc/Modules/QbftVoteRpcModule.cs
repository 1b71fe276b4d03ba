using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

// The vote method, its backend seam and its parameters share this file: the JSON-RPC project is owned elsewhere and
// validator voting is one small, optional capability of a consortium node (a backend that lacks it answers an error).

/// <summary>A backend that can sign validator votes with the node's validator key (a consortium validator).</summary>
public interface IValidatorVoteBackend
{
    /// <summary>Signs a vote to add (with <paramref name="details"/>) or remove <paramref name="validator"/> and submits it.</summary>
    SubmitResult ProposeValidatorVote(Address validator, bool add, ValidatorVoteDetails? details);

    /// <summary>Signs a vote to admit (for <paramref name="bank"/>) or revoke member node <paramref name="member"/> and submits it.</summary>
    SubmitResult ProposeMemberVote(Address member, bool add, string? bank);
}

/// <summary>Where a validator being added runs: its bank id and the host and ports peers and clients dial.</summary>
public sealed record ValidatorVoteDetails(string Bank, string Host, ushort GrpcPort, ushort RpcPort);

/// <summary>
/// qbft_proposeValidatorVote, shaped as Besu's: <c>[address, add]</c> votes to add (true) or remove (false) a validator.
/// Ledger records each validator's endpoints in state, so an add also takes <c>bank, host, grpcPort, rpcPort</c>:
/// <c>["0x…", true, "bank-a", "10.0.0.5", 50051, 8545]</c>. The vote is a transaction to the Validators module signed with
/// this node's validator key; the result is its hash. The change applies from the block after the one in which a
/// majority of the current validators has voted for it (see qbft_getValidatorsByBlockNumber).
/// </summary>
public sealed class QbftVoteRpcModule(ILedgerBackend backend)
{
    public JsonRpcError? qbft_proposeValidatorVote(RpcParams p, Utf8JsonWriter result)
    {
        ArgumentNullException.ThrowIfNull(result);
        p.Expect(2, 6);
        var validator = p.Address(0);
        var add = p.Bool(1);
        if (backend is not IValidatorVoteBackend voting)
        {
            return JsonRpcError.InvalidInput("this node cannot sign validator votes");
        }

        ValidatorVoteDetails? details = null;
        if (add)
        {
            if (p.Count != 6)
            {
                return JsonRpcError.InvalidParams(
                    $"adding a validator takes 6 parameters [address, true, bank, host, grpcPort, rpcPort], got {p.Count}");
            }

            if (Text(p, 2) is not { } bank || Text(p, 3) is not { } host)
            {
                return JsonRpcError.InvalidParams("bank (parameter 3) and host (parameter 4) must be non-empty strings");
            }

            if (Port(p, 4) is not { } grpcPort || Port(p, 5) is not { } rpcPort)
            {
                return JsonRpcError.InvalidParams("grpcPort (parameter 5) and rpcPort (parameter 6) must be TCP ports from 1 to 65535");
            }

            details = new ValidatorVoteDetails(bank, host, grpcPort, rpcPort);
        }
        else if (p.Count != 2)
        {
            return JsonRpcError.InvalidParams($"removing a validator takes 2 parameters [address, false], got {p.Count}");
        }

        return WriteSubmitted(voting.ProposeValidatorVote(validator, add, details), result);
    }

    /// <summary>
    /// qbft_proposeMemberVote: <c>[address, true, bank]</c> votes to admit a member node (a node that syncs, verifies and
    /// serves but never votes) run by <c>bank</c>; <c>[address, false]</c> votes to revoke it. Signed with this node's
    /// validator key like a validator vote; the allowlist changes in the block that completes a majority of the current
    /// validators, and peer access follows from the next block.
    /// </summary>
    public JsonRpcError? qbft_proposeMemberVote(RpcParams p, Utf8JsonWriter result)
    {
        ArgumentNullException.ThrowIfNull(result);
        p.Expect(2, 3);
        var member = p.Address(0);
        var add = p.Bool(1);
        if (backend is not IValidatorVoteBackend voting)
        {
            return JsonRpcError.InvalidInput("this node cannot sign member votes");
        }

        string? bank = null;
        if (add)
        {
            if (p.Count != 3 || Text(p, 2) is not { } named)
            {
                return JsonRpcError.InvalidParams("admitting a member node takes 3 parameters [address, true, bank] with a non-empty bank id");
            }

            bank = named;
        }
        else if (p.Count != 2)
        {
            return JsonRpcError.InvalidParams($"revoking a member node takes 2 parameters [address, false], got {p.Count}");
        }

        return WriteSubmitted(voting.ProposeMemberVote(member, add, bank), result);
    }

    /// <summary>The vote transaction's hash, or the node's refusal with its code.</summary>
    private static JsonRpcError? WriteSubmitted(SubmitResult submitted, Utf8JsonWriter result)
    {
        if (!submitted.Accepted)
        {
            return new JsonRpcError(submitted.ErrorCode != 0 ? submitted.ErrorCode : JsonRpcErrorCode.InvalidInput, submitted.Error ?? "the vote was refused");
        }

        result.WriteHashValue(submitted.Hash);
        return null;
    }

    private static string? Text(RpcParams p, int index) =>
        p[index].ValueKind == JsonValueKind.String && p[index].GetString() is { Length: > 0 } text ? text : null;

    /// <summary>A port as a JSON number or a hex quantity ("0xc351").</summary>
    private static ushort? Port(RpcParams p, int index)
    {
        var element = p[index];
        ulong value;
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (!element.TryGetUInt64(out value))
            {
                return null;
            }
        }
        else
        {
            value = p.Quantity(index);
        }

        return value is > 0 and <= ushort.MaxValue ? (ushort)value : null;
    }
}
