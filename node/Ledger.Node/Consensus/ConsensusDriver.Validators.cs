using Ledger.Contracts.Validators;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Network;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>Gas of a validator vote: intrinsic 21,000 + the module's 60,000, with room to spare.</summary>
    private const ulong VoteGasLimit = 100_000;

    private ValidatorSetSnapshot? _lastSet;

    /// <summary>
    /// The validators that certify block <paramref name="height"/>: from the Validators module's history in the latest
    /// state (genesis set without the module or before any change). Only asked for heights up to head + 1, whose set is
    /// final once the block before it is stored, so the single cached answer never goes stale. Any thread.
    /// </summary>
    public ValidatorSetSnapshot ValidatorsAt(ulong height)
    {
        if (Volatile.Read(ref _lastSet) is { } cached && cached.Height == height)
        {
            return cached;
        }

        var validators = _history is null ? _chain.Genesis.Validators : _history.At(_chain.LatestState, height);
        var snapshot = new ValidatorSetSnapshot(height, validators);
        if (height <= _chain.HeadNumber + 1)
        {
            Volatile.Write(ref _lastSet, snapshot); // final: no later block can change the set of this height
        }

        return snapshot;
    }

    /// <summary>
    /// A vote transaction to the Validators module, signed through this node's signer (the module counts votes by
    /// sender; with an HSM the signature is made in the token). The caller submits it like any client transaction.
    /// </summary>
    public SignedTransaction SignValidatorVote(byte[] calldata, ulong nonce)
    {
        ArgumentNullException.ThrowIfNull(calldata);
        var module = _history?.Module
            ?? throw new InvalidOperationException($"this chain's genesis has no {ValidatorsModule.ModuleName} module, so its validator set cannot change");
        var unsigned = new UnsignedTransaction
        {
            ChainId = _chain.Genesis.ChainId,
            Nonce = nonce,
            GasLimit = VoteGasLimit,
            To = module,
            Data = calldata,
        };
        var signature = EcdsaSignature.FromBytes65(_signer.Sign(TransactionEncoder.SigningHash(unsigned)));
        var signed = TransactionDecoder.Decode(TransactionEncoder.EncodeSigned(unsigned, signature));
        // Recovering (rather than trusting the signer's address) catches a signer whose signature is not its own.
        if (!TransactionSigner.TryRecoverSender(signed, _ecdsa, out var error) || signed.Sender != _signer.Address)
        {
            throw new InvalidOperationException($"the validator signer produced a vote that does not recover to {_signer.Address}: {error ?? "another address"}");
        }

        return signed;
    }

    /// <summary>
    /// After a block is stored: the set of the next height and the member allowlist. When either changed, who may peer with this node changes with it
    /// (<see cref="ConnectTo"/>): added validators are admitted and dialled (endpoints from state), removed ones lose their
    /// streams and are refused from the block where they left.
    /// </summary>
    private void OnValidatorSetMaybeChanged(ulong nextHeight)
    {
        var previous = ValidatorsAt(nextHeight - 1);
        var next = ValidatorsAt(nextHeight);
        var membersChanged = MembersChanged();
        if (next.Hash == previous.Hash && !membersChanged)
        {
            return;
        }

        if (next.Hash != previous.Hash)
        {
            LogValidatorSetChanged(nextHeight, next.Addresses.Count, next.Addresses); // the logger formats a list as "a, b, c"
        }

        ConnectTo(next);
    }

    /// <summary>
    /// Makes the network's permissioned list and dial targets "who is allowed to peer at the current head": the validators
    /// of <paramref name="set"/> (the next height's) plus the member nodes of the chain's allowlist (Validators module) and
    /// any the operator configured beside genesis. Compared as sets, so a block that adds one validator and removes another (same count)
    /// still dials the newcomer and drops the leaver. <see cref="PeerNetwork.UpdatePeers"/> closes streams of nodes no
    /// longer allowed; their handshakes and sync requests are refused from then on.
    /// </summary>
    private void ConnectTo(ValidatorSetSnapshot set)
    {
        var useTls = _network.Options.UseTls;
        var allowed = new List<Address>(set.Addresses);
        var peers = new List<PeerEndpoint>();
        foreach (var validator in set.Validators)
        {
            if (validator.Address != Validator)
            {
                peers.Add(_movedValidators.TryGetValue(validator.Address, out var dialled) ? dialled : PeerEndpoint.FromValidator(validator, useTls));
            }
        }

        _chainMembers = [.. ChainMembers()];
        foreach (var member in _members.Concat(_chainMembers))
        {
            if (!allowed.Contains(member))
            {
                allowed.Add(member);
            }
        }

        foreach (var peer in _memberPeers)
        {
            if (peers.All(p => p.Address != peer.Address))
            {
                peers.Add(peer);
            }
        }

        var current = _network.Options;
        if (allowed.ToHashSet().SetEquals(current.AllowedNodes) && peers.ToHashSet().SetEquals(current.Peers))
        {
            return; // already the network's lists
        }

        try
        {
            _network.UpdatePeers(allowed, peers);
        }
        catch (ArgumentException ex)
        {
            // A bad endpoint recorded by a vote must not stop consensus; the other validators still reach quorum.
            LogPeerUpdateFailed(ex);
        }
    }
}
