using Ledger.Contracts.Validators;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.JsonRpc;
using Ledger.JsonRpc.Modules;
using Ledger.Network;
using Ledger.Node.Consensus;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend : IValidatorVoteBackend
{
    // Set once by the node host after the consortium parts exist; null on a single validator. Volatile because
    // request threads read it without a lock.
    private volatile ConsortiumView? _consortium;

    /// <summary>The Validators module's history, or null when genesis has none (the set is then the genesis set forever).</summary>
    private ValidatorSetHistory? ValidatorHistory => ValidatorSetHistory.FromGenesis(_chain.Genesis);

    public int PeerCount => _consortium?.Network.ConnectedPeerCount ?? 0;

    /// <summary>Lets RPC report the peer mesh and consensus position of a consortium node.</summary>
    public void AttachConsortium(PeerNetwork network, ConsensusDriver driver)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(driver);
        _consortium = new ConsortiumView(network, driver);
    }

    /// <summary>The validators that certified block <paramref name="blockNumber"/> (proposer order), or null past the head.</summary>
    public IReadOnlyList<Address>? GetValidators(ulong blockNumber) =>
        blockNumber <= _chain.HeadNumber ? ValidatorsOf(blockNumber) : null;

    /// <summary>
    /// Signs a vote to add or remove <paramref name="validator"/> with this node's validator key and submits it like a
    /// client transaction (qbft_proposeValidatorVote). An add needs the new validator's bank and endpoints.
    /// </summary>
    public SubmitResult ProposeValidatorVote(Address validator, bool add, ValidatorVoteDetails? details)
    {
        if (_consortium?.Driver is not { } driver)
        {
            return SubmitResult.Rejected(JsonRpcErrorCode.InvalidInput, "this node is not a consortium validator, so it has no validator key to vote with");
        }

        if (ValidatorHistory is null)
        {
            return SubmitResult.Rejected(
                JsonRpcErrorCode.InvalidInput, $"this chain's genesis has no {ValidatorsModule.ModuleName} module, so its validator set cannot change");
        }

        if (add && details is null)
        {
            return SubmitResult.Rejected(
                JsonRpcErrorCode.InvalidParams, "adding a validator needs its bank id, host, gRPC port and JSON-RPC port after the address and true");
        }

        var calldata = add
            ? new AbiWriter(6).WriteAddress(validator).WriteString(details!.Bank).WriteString(details.Host)
                .WriteUInt64(details.GrpcPort).WriteUInt64(details.RpcPort).ToCallData("voteAdd(address,string,string,uint16,uint16)")
            : new AbiWriter(1).WriteAddress(validator).ToCallData("voteRemove(address)");
        var vote = driver.SignValidatorVote(calldata, _pool.PendingNonce(driver.Validator));
        return Submit(vote.Raw);
    }

    /// <summary>
    /// Signs a vote to admit (<paramref name="add"/>, run by <paramref name="bank"/>) or revoke member node
    /// <paramref name="member"/> with this node's validator key and submits it (qbft_proposeMemberVote).
    /// </summary>
    public SubmitResult ProposeMemberVote(Address member, bool add, string? bank)
    {
        if (_consortium?.Driver is not { } driver)
        {
            return SubmitResult.Rejected(JsonRpcErrorCode.InvalidInput, "this node is not a consortium validator, so it has no validator key to vote with");
        }

        if (ValidatorHistory is null)
        {
            return SubmitResult.Rejected(
                JsonRpcErrorCode.InvalidInput, $"this chain's genesis has no {ValidatorsModule.ModuleName} module, so it has no member allowlist to change");
        }

        if (add && string.IsNullOrEmpty(bank))
        {
            return SubmitResult.Rejected(JsonRpcErrorCode.InvalidParams, "admitting a member node needs the id of the bank that runs it");
        }

        var calldata = add
            ? new AbiWriter(2).WriteAddress(member).WriteString(bank!).ToCallData("voteAddMember(address,string)")
            : new AbiWriter(1).WriteAddress(member).ToCallData("voteRemoveMember(address)");
        var vote = driver.SignValidatorVote(calldata, _pool.PendingNonce(driver.Validator));
        return Submit(vote.Raw);
    }

    private IReadOnlyList<Address> ValidatorsOf(ulong height) =>
        ValidatorHistory is { } history
            ? [.. history.At(_chain.LatestState, height).Select(v => v.Address)]
            : _chain.Genesis.ValidatorAddresses();

    /// <summary>
    /// A single validator decides the next height in round 0 and proposes it itself; a consortium node reports its
    /// QBFT machine's height and round, whose proposer rotates as validators[(height + round) mod n].
    /// </summary>
    public ConsensusStatus GetConsensusStatus()
    {
        var config = _chain.Genesis.Consensus;
        var consortium = _consortium;
        var height = consortium?.Driver.Height ?? _chain.HeadNumber + 1;
        var validators = ValidatorsOf(Math.Min(height, _chain.HeadNumber + 1));
        var round = consortium?.Driver.Round ?? 0;
        var proposer = validators[(int)((height + round) % (ulong)validators.Count)];
        IReadOnlyList<Address> peers = consortium?.Network.ConnectedPeers ?? [];
        return new ConsensusStatus(height, round, proposer, validators, peers, RoundTimeout(config.RoundTimeoutMs, config.MaxRoundTimeoutMs, round));
    }

    /// <summary>Round 0's timeout doubled per round, capped (as the driver times rounds).</summary>
    private static int RoundTimeout(int baseMs, int maxMs, uint round)
    {
        var timeout = (long)baseMs << (int)Math.Min(round, 30u);
        return (int)Math.Min(timeout, maxMs);
    }

    private sealed record ConsortiumView(PeerNetwork Network, ConsensusDriver Driver);
}
