using Ledger.Consensus.Messages;

namespace Ledger.Consensus.Inputs;

/// <summary>A decoded consensus message from a peer (not yet verified: the machine checks everything).</summary>
public sealed record MessageReceived(SignedConsensusMessage Message) : ConsensusInput;
