namespace Ledger.Core.Genesis;

/// <summary>Consensus and block limits every validator must agree on.</summary>
/// <param name="BlockIntervalMs">Minimum milliseconds between blocks when transactions are pending.</param>
/// <param name="EmptyBlockIntervalSeconds">Seconds of idleness before an empty heartbeat block; 0 = never.</param>
/// <param name="RoundTimeoutMs">Timeout of round 0; doubles every round.</param>
/// <param name="MaxRoundTimeoutMs">Cap of the growing round timeout.</param>
/// <param name="BlockGasLimit">Gas limit of every block (gas is accounting only; nothing is charged).</param>
/// <param name="MaxTransactionsPerBlock">Most transactions one block may carry.</param>
/// <param name="MaxTransactionBytes">Largest accepted raw (signed) transaction.</param>
/// <param name="MaxBlockBytes">
/// Largest block, counted as <see cref="Chain.BlockLimits.SizeOf(Chain.Block)"/> (raw transactions plus framing); at most half
/// the peer message limit, so that every block can be proposed and synced.
/// </param>
public sealed record ConsensusConfig(
    int BlockIntervalMs = 100,
    int EmptyBlockIntervalSeconds = 0,
    int RoundTimeoutMs = 2000,
    int MaxRoundTimeoutMs = 30000,
    ulong BlockGasLimit = 1_000_000_000,
    int MaxTransactionsPerBlock = 10000,
    int MaxTransactionBytes = 131072,
    int MaxBlockBytes = 8 * 1024 * 1024);
