using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// Memoises recovery per scenario: every node checks every message, and the answer is a pure function of the input,
/// so caching changes no outcome — it only lets thousands of scenarios run in CI time.
/// </summary>
internal sealed class CachingEcdsa(IEcdsa inner) : IEcdsa
{
    private readonly Dictionary<(Hash32 Hash, Hash32 R, Hash32 S, int V), Address?> _recoveries = [];

    public string Name => "caching " + inner.Name;

    public bool TryRecoverAddress(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId, out Address signer)
    {
        signer = default;
        if (messageHash.Length != 32 || r.Length != 32 || s.Length != 32)
        {
            return inner.TryRecoverAddress(messageHash, r, s, recoveryId, out signer);
        }

        var key = (new Hash32(messageHash), new Hash32(r), new Hash32(s), recoveryId);
        if (!_recoveries.TryGetValue(key, out var cached))
        {
            cached = inner.TryRecoverAddress(messageHash, r, s, recoveryId, out var recovered) ? recovered : null;
            _recoveries[key] = cached;
        }

        if (cached is { } address)
        {
            signer = address;
            return true;
        }

        return false;
    }

    public EcdsaSignature Sign(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> privateKey) => inner.Sign(messageHash, privateKey);

    public Address AddressOf(ReadOnlySpan<byte> privateKey) => inner.AddressOf(privateKey);
}
