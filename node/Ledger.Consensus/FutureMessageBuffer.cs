using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

/// <summary>
/// Messages for heights this node has not started yet (peers finish a height a little earlier), replayed in arrival
/// order on <c>StartHeight</c>. Capped per sender, so one validator cannot make us hold more than its share.
/// </summary>
internal sealed class FutureMessageBuffer(int perSenderCap)
{
    private readonly List<(Address Sender, SignedConsensusMessage Message)> _messages = [];
    private readonly Dictionary<Address, int> _counts = [];

    public int Count => _messages.Count;

    public bool TryAdd(Address sender, SignedConsensusMessage message)
    {
        var count = _counts.GetValueOrDefault(sender);
        if (count >= perSenderCap)
        {
            return false;
        }

        _counts[sender] = count + 1;
        _messages.Add((sender, message));
        return true;
    }

    /// <summary>Removes every message for heights up to <paramref name="height"/> and returns those for exactly it.</summary>
    public List<SignedConsensusMessage> TakeHeight(ulong height)
    {
        var taken = new List<SignedConsensusMessage>();
        var kept = 0;
        for (var i = 0; i < _messages.Count; i++)
        {
            var (sender, message) = _messages[i];
            if (message.Height > height)
            {
                _messages[kept++] = _messages[i];
                continue;
            }

            _counts[sender]--;
            if (message.Height == height)
            {
                taken.Add(message);
            }
        }

        _messages.RemoveRange(kept, _messages.Count - kept);
        return taken;
    }
}
