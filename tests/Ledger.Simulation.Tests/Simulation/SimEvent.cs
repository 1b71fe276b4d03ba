using Ledger.Core.Chain;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>Something scheduled at a virtual time for one node. <see cref="Epoch"/> voids events of a node that crashed since.</summary>
internal sealed record SimEvent(SimEventKind Kind, int Node)
{
    public int Epoch { get; init; }

    public int From { get; init; }

    public byte[]? Payload { get; init; }

    public ulong Height { get; init; }

    public uint Round { get; init; }

    public long Generation { get; init; }

    public Block? Block { get; init; }

    public bool Valid { get; init; }

    public PartitionPlan? Partition { get; init; }
}
