namespace Ledger.Consensus.Inputs;

/// <summary>An event fed to <see cref="QbftStateMachine.Handle"/>: a message, a timer, or an answer from the node.</summary>
public abstract record ConsensusInput;
