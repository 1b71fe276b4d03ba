using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

/// <summary>The public Hardhat/Anvil dev keys (accounts 0–3) with the addresses every Ethereum tool derives.</summary>
internal static class TestKeys
{
    public static readonly (string PrivateKey, string Address)[] Accounts =
    [
        ("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
        ("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        ("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
        ("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6", "0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
    ];

    public static byte[] Key(int index) => Hex.Decode(Accounts[index].PrivateKey);

    public static Address Address(int index) => Primitives.Address.Parse(Accounts[index].Address);

    /// <summary>A valid random private key (below the curve order, non-zero) from a seeded generator.</summary>
    public static byte[] RandomKey(Random random)
    {
        var key = new byte[32];
        random.NextBytes(key);
        key[0] &= 0x7f; // keeps it below n without a comparison
        key[31] |= 1;   // and non-zero
        return key;
    }
}
