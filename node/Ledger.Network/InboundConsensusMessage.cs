using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;

namespace Ledger.Network;

/// <summary>
/// A decoded consensus message and the authenticated peer that relayed it. <paramref name="From"/> is the stream's node,
/// not the message's signer: the state machine still recovers and checks every signature itself.
/// <paramref name="EncodedBytes"/> is its size on the wire (for the byte bounds of the queues behind the network).
/// </summary>
public sealed record InboundConsensusMessage(Address From, SignedConsensusMessage Message, int EncodedBytes = 0);
