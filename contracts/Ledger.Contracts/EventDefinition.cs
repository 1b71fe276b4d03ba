using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts;

/// <summary>An event a module emits: its canonical signature and topic0 = Keccak-256(signature), computed once.</summary>
public sealed class EventDefinition
{
    public EventDefinition(string signature)
    {
        Signature = signature;
        Topic0 = AbiTopic.OfEvent(signature);
        Name = signature[..signature.IndexOf('(', StringComparison.Ordinal)];
    }

    /// <summary>The canonical signature, e.g. "Transfer(address,address,uint256)".</summary>
    public string Signature { get; }

    public string Name { get; }

    public Hash32 Topic0 { get; }

    public override string ToString() => Signature;
}
