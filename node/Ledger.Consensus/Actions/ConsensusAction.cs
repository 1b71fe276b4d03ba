namespace Ledger.Consensus.Actions;

/// <summary>
/// Something the node must do for the machine. Actions are executed in the order returned: a
/// <see cref="PersistLockState"/> precedes the votes it protects and must be durable (synced) before they are sent.
/// </summary>
public abstract record ConsensusAction;
