using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>Most of this node's own messages kept for the height in progress (proposal, prepare, commit, round changes).</summary>
    private const int MaxRetainedMessages = 16;

    private readonly List<SignedConsensusMessage> _ownMessages = []; // loop only

    /// <summary>
    /// QBFT assumes that messages between correct validators are eventually delivered, but a message broadcast while a
    /// peer's stream is down is simply gone. After a partition heals, every validator sits in the same round waiting for
    /// the round changes it sent into the void, and nothing moves until the round's timer — up to the capped round
    /// timeout (30 s) — fires again. So this node keeps what it sent at the current height and sends it again to every
    /// peer whose stream (re)opens. Duplicates are harmless: the state machine ignores a message it already counted.
    /// (Found by the chaos campaign, docs/RELIABILITY.md: a 2|2 split of 31 s converged only 30.5 s after the heal.)
    /// </summary>
    private void Retain(SignedConsensusMessage message)
    {
        if (_ownMessages.Count > 0 && _ownMessages[0].Height != message.Height)
        {
            _ownMessages.Clear();
        }

        if (_ownMessages.Count == MaxRetainedMessages)
        {
            _ownMessages.RemoveAt(0);
        }

        _ownMessages.Add(message);
    }

    private void OnPeerConnectionChanged(Address peer, bool connected)
    {
        if (connected)
        {
            Post(() => ResendTo(peer));
        }
    }

    private void ResendTo(Address peer)
    {
        foreach (var message in _ownMessages)
        {
            if (message.Height == _machine.Height)
            {
                _network.SendTo(peer, message);
            }
        }
    }
}
