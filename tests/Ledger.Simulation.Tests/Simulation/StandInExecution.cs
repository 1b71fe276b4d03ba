using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>The fast stand-in: blocks commit to a payload and their "state root" is Keccak(parent ‖ payload) (<see cref="SimBlocks"/>).</summary>
internal sealed class StandInExecution(IReadOnlyList<Address> validators) : ISimExecution
{
    private readonly Block _genesis = SimBlocks.Genesis(validators);

    public Block Open(SimNode node) => _genesis;

    public Block Build(SimNode node, ulong height, Hash32 parent, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash) =>
        SimBlocks.Make(height, parent, node.Address, round, timestampMs, payload, validatorSetHash, valid: true);

    public Block Alternative(SimNode node, ulong height, Hash32 parent, uint round, ulong timestampMs, ulong payload, Hash32 validatorSetHash, bool valid) =>
        SimBlocks.Make(height, parent, node.Address, round, timestampMs, payload, validatorSetHash, valid);

    public bool IsValid(SimNode node, Block block, Hash32 validatorSetHash) => SimBlocks.IsValid(block, node.Head, validatorSetHash);

    public void Commit(SimNode node, Block block)
    {
    }
}
