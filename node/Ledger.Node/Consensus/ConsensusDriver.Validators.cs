using Ledger.Contracts.Validators;
using Ledger.Core.Crypto;
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
    /// After a block is stored: the set of the next height. When it changed, the network admits and dials the added
    /// validators (endpoints from state). Removed genesis validators stay permissioned, as observers that can follow the
    /// chain (their messages no longer count: the state machine checks every sender against the height's set); a
    /// validator that joined by vote and was voted out again is disconnected.
    /// </summary>
    private void OnValidatorSetMaybeChanged(ulong nextHeight)
    {
        var previous = ValidatorsAt(nextHeight - 1);
        var next = ValidatorsAt(nextHeight);
        if (next.Hash == previous.Hash)
        {
            return;
        }

        LogValidatorSetChanged(nextHeight, next.Addresses.Count, next.Addresses); // the logger formats a list as "a, b, c"
        ConnectTo(next);
    }

    /// <summary>The initial permissioned list and peers, plus every validator of <paramref name="set"/> not in them.</summary>
    private void ConnectTo(ValidatorSetSnapshot set)
    {
        var allowed = _initialAllowed.ToList();
        var peers = _initialPeers.ToList();
        var useTls = _network.Options.UseTls;
        foreach (var validator in set.Validators)
        {
            if (!allowed.Contains(validator.Address))
            {
                allowed.Add(validator.Address);
            }

            if (validator.Address != Validator && peers.All(p => p.Address != validator.Address))
            {
                peers.Add(PeerEndpoint.FromValidator(validator, useTls));
            }
        }

        if (allowed.Count == _network.Options.AllowedNodes.Count && peers.Count == _network.Options.Peers.Count)
        {
            return; // nobody new (a removal, or a set already connected)
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
