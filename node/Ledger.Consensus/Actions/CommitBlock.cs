using Ledger.Core.Chain;

namespace Ledger.Consensus.Actions;

/// <summary>The block is final: store it with its certificate (also set on <see cref="Block.Certificate"/>), then send <see cref="Inputs.Committed"/>.</summary>
public sealed record CommitBlock(Block Block, CommitCertificate Certificate) : ConsensusAction;
