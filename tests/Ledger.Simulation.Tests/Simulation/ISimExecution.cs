using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// How simulated validators build, check and store blocks: the deterministic stand-in (<see cref="StandInExecution"/>,
/// fast, for thousands of scenarios) or real execution of token transfers on in-memory ledgers (<see cref="RealExecution"/>).
/// Consensus and every safety check are the same for both.
/// </summary>
internal interface ISimExecution
{
    /// <summary>Opens the node's durable store (first start) or reopens it (restart after a crash); returns its block 0.</summary>
    Block Open(SimNode node);

    /// <summary>The block a proposer builds on its head.</summary>
    Block Build(SimNode node, ulong height, Hash32 parent, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash);

    /// <summary>A Byzantine proposer's second block for the same (height, round): valid or not.</summary>
    Block Alternative(SimNode node, ulong height, Hash32 parent, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash, bool valid);

    /// <summary>The executor's verdict on a proposal: extends the head, right validator set, re-executes to its header.</summary>
    bool IsValid(SimNode node, Block block, Hash32 validatorSetHash);

    /// <summary>Stores a final block in the node's ledger (after the simulator's safety checks).</summary>
    void Commit(SimNode node, Block block);
}
