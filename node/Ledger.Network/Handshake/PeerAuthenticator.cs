using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;

namespace Ledger.Network.Handshake;

/// <summary>
/// The checks both handshake sides and the sync server make, in the order that gives the most useful refusal: protocol,
/// chain id, genesis hash, clock, then identity (claimed address in the consortium, signature recovers to it).
/// </summary>
internal sealed class PeerAuthenticator
{
    public const uint ProtocolVersion = 1;
    public const int ChallengeLength = 32;

    private readonly PeerNetworkOptions _options;
    private volatile HashSet<Address> _allowed;

    public PeerAuthenticator(PeerNetworkOptions options)
    {
        _options = options;
        _allowed = [.. options.AllowedNodes];
    }

    public Address Self => _options.Signer.Address;

    public bool IsAllowed(Address node) => _allowed.Contains(node);

    public void SetAllowed(IEnumerable<Address> nodes) => _allowed = [.. nodes];

    public static byte[] NewChallenge() => RandomNumberGenerator.GetBytes(ChallengeLength);

    public Hello CreateHello(byte[] challenge, ByteString? signature = null) => new()
    {
        ProtocolVersion = ProtocolVersion,
        ChainId = _options.ChainId,
        GenesisHash = UnsafeByteOperations.UnsafeWrap(_options.GenesisHash.ToArray()),
        NodeAddress = UnsafeByteOperations.UnsafeWrap(Self.ToArray()),
        Challenge = UnsafeByteOperations.UnsafeWrap(challenge),
        TimestampMs = (ulong)_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
        Signature = signature ?? ByteString.Empty,
    };

    public Hash32 Digest(string role, ReadOnlySpan<byte> answeredChallenge, ReadOnlySpan<byte> ownChallenge) =>
        HandshakeDigest.Compute(role, _options.ChainId, _options.GenesisHash, answeredChallenge, ownChallenge);

    public byte[] Sign(string role, ReadOnlySpan<byte> answeredChallenge, ReadOnlySpan<byte> ownChallenge) =>
        _options.Signer.Sign(Digest(role, answeredChallenge, ownChallenge));

    public byte[] Sign(Hash32 digest) => _options.Signer.Sign(digest);

    /// <summary>Checks a Hello's fields and returns the node it claims to be; throws <see cref="HandshakeException"/>.</summary>
    public Address CheckHello(Hello hello)
    {
        if (hello.ProtocolVersion != ProtocolVersion)
        {
            throw new HandshakeException(StatusCode.FailedPrecondition, $"peer protocol version {hello.ProtocolVersion} is not supported (this node speaks {ProtocolVersion})");
        }

        CheckChain(hello.ChainId, hello.GenesisHash.Span);
        CheckClock(hello.TimestampMs, "hello");
        if (hello.Challenge.Length != ChallengeLength)
        {
            throw new HandshakeException(StatusCode.InvalidArgument, $"a handshake challenge is {ChallengeLength} bytes, got {hello.Challenge.Length}");
        }

        return CheckMember(hello.NodeAddress.Span);
    }

    public void CheckChain(ulong chainId, ReadOnlySpan<byte> genesisHash)
    {
        if (chainId != _options.ChainId)
        {
            throw new HandshakeException(StatusCode.FailedPrecondition, $"chain id {chainId} does not match {_options.ChainId}");
        }

        if (genesisHash.Length != Hash32.Length || new Hash32(genesisHash) != _options.GenesisHash)
        {
            var theirs = genesisHash.Length == Hash32.Length ? new Hash32(genesisHash).ToString() : Hex.Encode(genesisHash);
            throw new HandshakeException(StatusCode.FailedPrecondition, $"genesis hash {theirs} does not match {_options.GenesisHash}");
        }
    }

    public void CheckClock(ulong timestampMs, string what)
    {
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var skew = TimeSpan.FromMilliseconds(Math.Abs((double)now - timestampMs));
        if (skew > _options.MaxClockSkew)
        {
            throw new HandshakeException(
                StatusCode.FailedPrecondition,
                $"{what} timestamp {timestampMs} is {skew.TotalSeconds:F0} s from this node's clock (tolerance {_options.MaxClockSkew.TotalSeconds:F0} s)");
        }
    }

    public Address CheckMember(ReadOnlySpan<byte> addressBytes)
    {
        if (addressBytes.Length != Address.Length)
        {
            throw new HandshakeException(StatusCode.InvalidArgument, $"a node address is {Address.Length} bytes, got {addressBytes.Length}");
        }

        var node = new Address(addressBytes);
        if (node == Self)
        {
            throw new HandshakeException(StatusCode.FailedPrecondition, $"node {node} is this node: a node does not connect to itself");
        }

        if (!IsAllowed(node))
        {
            throw new HandshakeException(StatusCode.PermissionDenied, $"node {node} is not in the consortium");
        }

        return node;
    }

    /// <summary>The signature must recover to <paramref name="claimed"/>, which <see cref="CheckMember"/> already admitted.</summary>
    public void CheckSignature(Hash32 digest, ReadOnlySpan<byte> signature, Address claimed, string what)
    {
        if (signature.Length != 65)
        {
            throw new HandshakeException(StatusCode.Unauthenticated, $"{what} signature is 65 bytes, got {signature.Length}");
        }

        if (!ConsensusMessageSigning.TryRecover(digest, signature.ToArray(), _options.Ecdsa, out var signer))
        {
            throw new HandshakeException(StatusCode.Unauthenticated, $"{what} signature of node {claimed} is invalid");
        }

        if (signer != claimed)
        {
            throw new HandshakeException(StatusCode.Unauthenticated, $"{what} signature recovers to {signer}, not to the claimed node {claimed}");
        }
    }
}
