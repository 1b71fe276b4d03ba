using Ledger.Consensus;
using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>A validator: its state machine (null while crashed) and its durable store (chain + lock state), which survive crashes.</summary>
internal sealed class SimNode(int index, byte[] privateKey, IConsensusSigner signer, bool isByzantine)
{
    public int Index { get; } = index;

    public byte[] PrivateKey { get; } = privateKey;

    public IConsensusSigner Signer { get; } = signer;

    public Address Address => Signer.Address;

    public bool IsByzantine { get; } = isByzantine;

    public QbftStateMachine? Machine { get; set; }

    public bool IsCrashed => Machine is null;

    public int Epoch { get; set; }

    public long TimerGeneration { get; set; }

    /// <summary>Index = height; [0] is genesis.</summary>
    public List<Block> Chain { get; } = [];

    public byte[]? PersistedLock { get; set; }

    /// <summary>The node's real ledger when the scenario runs real execution (its store survives crashes).</summary>
    public SimLedger? Ledger { get; set; }

    public Block Head => Chain[^1];
}
