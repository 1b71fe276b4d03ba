using Ledger.Core.Primitives;

namespace Ledger.Consensus.Messages;

/// <summary>PREPARE: the sender accepted the proposal of (height, round) for this block.</summary>
public sealed record PrepareMessage(ulong Height, uint Round, Hash32 BlockHash, byte[] Signature)
    : SignedConsensusMessage(Height, Round, Signature)
{
    public override ConsensusMessageType Type => ConsensusMessageType.Prepare;
}
