namespace Ledger.Consensus.Actions;

/// <summary>(Re)arm the single round timer; when it fires, feed <see cref="Inputs.TimerExpired"/> with the same height and round.</summary>
public sealed record SetTimer(ulong Height, uint Round, long DurationMs) : ConsensusAction;
