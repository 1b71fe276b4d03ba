using Ledger.Core.Primitives;

namespace Ledger.LoadGen.Chain;

/// <summary>Facts of the dev genesis (genesis.json, docs/architecture.md) that the load and process tests rely on.</summary>
public static class DevChain
{
    public const ulong ChainId = 4242;

    /// <summary>Bank A's operator: registers identities at Bank A and issues USDA and EURA.</summary>
    public const int BankAOperator = 0;

    public static Address IdentityRegistry { get; } = Address.Parse("0x1000000000000000000000000000000000000001");

    public static Address Usda { get; } = Address.Parse("0x2000000000000000000000000000000000000001");

    public static Address Eura { get; } = Address.Parse("0x2000000000000000000000000000000000000002");
}
