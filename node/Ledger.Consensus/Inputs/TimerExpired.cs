namespace Ledger.Consensus.Inputs;

/// <summary>The timer last set by <see cref="Actions.SetTimer"/> for (height, round) fired; stale ones are ignored.</summary>
public sealed record TimerExpired(ulong Height, uint Round) : ConsensusInput;
