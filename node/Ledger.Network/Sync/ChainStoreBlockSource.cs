using Ledger.Core.Chain;
using Ledger.Execution.Chain;

namespace Ledger.Network.Sync;

/// <summary>The <see cref="PeerNetworkOptions.BlockSource"/> of a node: committed blocks with their certificates.</summary>
public static class ChainStoreBlockSource
{
    /// <summary>Null past the head and for blocks without a certificate (genesis): a peer can verify nothing else.</summary>
    public static Func<ulong, byte[]?> Create(ChainStore chain) =>
        height => chain.GetBlock(height) is { Certificate: not null } block ? BlockCodec.Encode(block) : null;
}
