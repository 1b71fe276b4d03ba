using Ledger.Core.Primitives;

namespace Ledger.Chaos.Workload;

/// <summary>Addresses of the dev genesis the workload uses (genesis.json; docs/architecture.md "Dev genesis").</summary>
public static class ChaosChain
{
    public const ulong ChainId = 4242;

    /// <summary>Bank B's operator (dev 1): the FX desk that signs quotes and pays out EURB.</summary>
    public const int DeskDevKey = 1;

    /// <summary>The regulator (dev 14): may list every holder of a token (balancesOf).</summary>
    public const int RegulatorDevKey = 14;

    public static Address Settlement { get; } = Address.Parse("0x1000000000000000000000000000000000000003");

    public static Address Merchant { get; } = Address.Parse("0x1000000000000000000000000000000000000004");

    public static Address Usda { get; } = Address.Parse("0x2000000000000000000000000000000000000001");

    public static Address Eurb { get; } = Address.Parse("0x2000000000000000000000000000000000000003");

    /// <summary>Every token of the dev genesis (supply audits cover all of them).</summary>
    public static IReadOnlyList<Address> Tokens { get; } =
    [
        Address.Parse("0x2000000000000000000000000000000000000001"),
        Address.Parse("0x2000000000000000000000000000000000000002"),
        Address.Parse("0x2000000000000000000000000000000000000003"),
        Address.Parse("0x2000000000000000000000000000000000000004"),
        Address.Parse("0x2000000000000000000000000000000000000005"),
    ];

    /// <summary>USD→EUR, 18 decimals (0.92), as the desk posts it.</summary>
    public static readonly UInt256 UsdEurRate = new(920_000_000_000_000_000UL);
}
