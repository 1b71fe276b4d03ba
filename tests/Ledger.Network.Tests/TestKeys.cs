using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Network;

namespace Ledger.Network.Tests;

/// <summary>The dev consortium's validator keys (accounts 10–13) and options tuned for fast, loopback-only tests.</summary>
internal static class TestKeys
{
    public const ulong ChainId = 4242;

    public static Hash32 GenesisHash { get; } = Keccak256.Hash("ledger-network-tests-genesis"u8);

    public static IReadOnlyList<LocalKeySigner> Validators { get; } =
        [.. Enumerable.Range(10, 4).Select(i => new LocalKeySigner(DevKeys.PrivateKey(i), Ecdsa.Default))];

    public static IReadOnlyList<Address> ValidatorAddresses { get; } = [.. Validators.Select(v => v.Address)];

    /// <summary>The validators sorted by address: the first dials the second (the smaller address dials).</summary>
    public static IReadOnlyList<LocalKeySigner> ByAddress { get; } = [.. Validators.OrderBy(v => v.Address)];

    /// <summary>A key that is not in the consortium, with an address that satisfies <paramref name="predicate"/>.</summary>
    public static LocalKeySigner Outsider(Func<Address, bool> predicate)
    {
        for (var i = 0; ; i++)
        {
            var signer = new LocalKeySigner(Keccak256.HashToArray(System.Text.Encoding.ASCII.GetBytes($"outsider-{i}")), Ecdsa.Default);
            if (predicate(signer.Address))
            {
                return signer;
            }
        }
    }

    public static PeerNetworkOptions Options(IConsensusSigner signer, IReadOnlyList<PeerEndpoint>? peers = null) => new()
    {
        Signer = signer,
        ChainId = ChainId,
        GenesisHash = GenesisHash,
        AllowedNodes = ValidatorAddresses,
        Peers = peers ?? [],
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(300),
    };
}
