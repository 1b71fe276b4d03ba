using Ledger.Consensus.Messages;

namespace Ledger.Consensus.Actions;

/// <summary>Send to every other validator (the machine has already processed its own copy).</summary>
public sealed record Broadcast(SignedConsensusMessage Message) : ConsensusAction;
