using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// A small dev consortium built in code from the public dev keys, shaped like the repo's genesis.json:
/// banks A and B (operators = dev accounts 0 and 1), customers = dev accounts 0–5 (account i at bank i mod 2),
/// 1,000 whole units of every token each. Dev accounts 6–13 are deliberately unregistered; 14 is the regulator,
/// 15 and 16 the compliance officers of banks A and B; the US–DE corridor is open.
/// </summary>
public static class TestGenesis
{
    public const ulong ChainId = 4242;

    /// <summary>2024-01-01T00:00:00Z: the genesis block time; identities expire in 2035.</summary>
    public const ulong TimestampMs = 1_704_067_200_000;

    public const ulong IdentityExpiry = 2_051_222_400;

    public static readonly Address Registry = Address.Parse("0x1000000000000000000000000000000000000001");

    public static readonly Address Compliance = Address.Parse("0x1000000000000000000000000000000000000002");

    public static readonly Address Settlement = Address.Parse("0x1000000000000000000000000000000000000003");

    public static readonly Address Merchant = Address.Parse("0x1000000000000000000000000000000000000004");

    public static readonly Address Directory = Address.Parse("0x1000000000000000000000000000000000000005");

    public static readonly Address Validators = Address.Parse("0x1000000000000000000000000000000000000006");

    /// <summary>The regulator: dev account 14.</summary>
    public static readonly Address Regulator = DevKeys.Address(14);

    /// <summary>Bank A's compliance officer: dev account 15 (bank B's is 16).</summary>
    public static readonly Address OfficerA = DevKeys.Address(15);

    public static readonly Address Usda = Address.Parse("0x2000000000000000000000000000000000000001");

    public static readonly Address Eurb = Address.Parse("0x2000000000000000000000000000000000000002");

    public static int RegisteredCustomers => 6;

    public static GenesisConfig Create(string amountPerAccount = "1000") => new()
    {
        ChainId = ChainId,
        Name = "contracts-test",
        TimestampMs = TimestampMs,
        Banks =
        [
            new BankConfig("bank-a", "Bank A", DevKeys.Address(0), "US"),
            new BankConfig("bank-b", "Bank B", DevKeys.Address(1), "DE"),
        ],
        Validators = [new ValidatorConfig("bank-a", DevKeys.Address(10), "127.0.0.1", 50051, 8545)],
        Tokens =
        [
            new TokenConfig(Usda, "USDA", "Bank A US Dollar Deposit", "USD", 2, "bank-a"),
            new TokenConfig(Eurb, "EURB", "Bank B Euro Deposit", "EUR", 2, "bank-b"),
        ],
        Modules = new Dictionary<string, Address>
        {
            ["IdentityRegistry"] = Registry,
            ["Compliance"] = Compliance,
            ["Settlement"] = Settlement,
            ["Merchant"] = Merchant,
            ["Directory"] = Directory,
            ["Validators"] = Validators,
        },
        Compliance = new ComplianceConfig
        {
            Regulator = Regulator,
            ComplianceOfficers = [new ComplianceOfficerConfig("bank-a", OfficerA), new ComplianceOfficerConfig("bank-b", DevKeys.Address(16))],
            Corridors = [new CorridorConfig("US", "DE")],
        },
        Identities = Enumerable.Range(0, RegisteredCustomers)
            .Select(i => new IdentityConfig(DevKeys.Address(i), i % 2 == 0 ? "bank-a" : "bank-b", i % 2 == 0 ? "US" : "DE", 2, IdentityExpiry))
            .ToArray(),
        Allocations =
        [
            new AllocationConfig(Enumerable.Range(0, RegisteredCustomers).Select(DevKeys.Address).ToArray(), ["USDA", "EURB"], amountPerAccount),
        ],
    };
}
