using Ledger.Core.Primitives;
using Ledger.JsonRpc;
using Ledger.Network;
using Ledger.Node.Consensus;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    // Set once by the node host after the consortium parts exist; null on a single validator. Volatile because
    // request threads read it without a lock.
    private volatile ConsortiumView? _consortium;

    private IReadOnlyList<Address>? _validators;

    /// <summary>Genesis validators in proposer order (the set never changes after genesis).</summary>
    private IReadOnlyList<Address> ValidatorSet => _validators ??= _chain.Genesis.ValidatorAddresses();

    public int PeerCount => _consortium?.Network.ConnectedPeerCount ?? 0;

    /// <summary>Lets RPC report the peer mesh and consensus position of a consortium node.</summary>
    public void AttachConsortium(PeerNetwork network, ConsensusDriver driver)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(driver);
        _consortium = new ConsortiumView(network, driver);
    }

    public IReadOnlyList<Address>? GetValidators(ulong blockNumber) => blockNumber <= _chain.HeadNumber ? ValidatorSet : null;

    /// <summary>
    /// A single validator decides the next height in round 0 and proposes it itself; a consortium node reports its
    /// QBFT machine's height and round, whose proposer rotates as validators[(height + round) mod n].
    /// </summary>
    public ConsensusStatus GetConsensusStatus()
    {
        var validators = ValidatorSet;
        var config = _chain.Genesis.Consensus;
        var consortium = _consortium;
        var height = consortium?.Driver.Height ?? _chain.HeadNumber + 1;
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
