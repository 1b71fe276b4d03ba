using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Network.Handshake;

/// <summary>
/// What each side signs: <c>keccak(rlp(["ledger-peer-handshake-v1", role, chainId, genesisHash, answeredChallenge,
/// ownChallenge]))</c>. The domain keeps the signature from being valid as a transaction, seal or consensus vote; the
/// role keeps a listener's answer from being reflected back as a dialer's; both challenges bind it to this one stream.
/// </summary>
public static class HandshakeDigest
{
    public const string Domain = "ledger-peer-handshake-v1";

    public const string ListenerRole = "listener";

    public const string DialerRole = "dialer";

    public static Hash32 Compute(
        string role, ulong chainId, Hash32 genesisHash, ReadOnlySpan<byte> answeredChallenge, ReadOnlySpan<byte> ownChallenge)
    {
        var writer = new RlpWriter(192);
        writer.StartList()
            .WriteBytes(System.Text.Encoding.ASCII.GetBytes(Domain))
            .WriteBytes(System.Text.Encoding.ASCII.GetBytes(role))
            .WriteUInt64(chainId)
            .WriteHash(genesisHash)
            .WriteBytes(answeredChallenge)
            .WriteBytes(ownChallenge)
            .EndList();
        return Keccak256.Hash(writer.WrittenSpan);
    }
}
