using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Processing;
using Ledger.Storage.Memory;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>A simulated validator's real ledger: a chain store over an in-memory key-value store that survives its crashes.</summary>
internal sealed class SimLedger
{
    public MemoryKeyValueStore Store { get; } = new();

    /// <summary>Replaced on every restart: reopened from <see cref="Store"/>, as a node reopens its data directory.</summary>
    public ChainStore Chain { get; set; } = null!;

    /// <summary>Execution results of blocks checked or built on the current head (dropped at each commit and restart).</summary>
    public Dictionary<Hash32, BlockExecutionResult> Executed { get; } = [];

    /// <summary>Blocks this node committed (for tests to compare ledgers).</summary>
    public ulong HeadNumber => Chain.HeadNumber;

    public Hash32 StateRoot => Chain.Head.Header.StateRoot;

    public Block? GetBlock(ulong number) => Chain.GetBlock(number);
}
