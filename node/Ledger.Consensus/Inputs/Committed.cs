namespace Ledger.Consensus.Inputs;

/// <summary>
/// The block of <paramref name="Height"/> is stored (committed here or fetched by block sync): stop working on the
/// height. The node then sends <see cref="StartHeight"/> for the next one.
/// </summary>
public sealed record Committed(ulong Height) : ConsensusInput;
