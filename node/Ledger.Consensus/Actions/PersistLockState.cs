using Ledger.Consensus.Persistence;

namespace Ledger.Consensus.Actions;

/// <summary>
/// Write the lock state with a synced write before executing the next action (a vote). If the write fails the node
/// must stop rather than send the vote: a vote that is not on disk could be contradicted after a restart.
/// </summary>
public sealed record PersistLockState(LockState State) : ConsensusAction;
