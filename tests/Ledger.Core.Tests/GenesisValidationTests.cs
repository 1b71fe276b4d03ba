using System.Text.Json.Nodes;
using Ledger.Core.Genesis;

namespace Ledger.Core.Tests;

/// <summary>Broken variants of the dev genesis: each is refused with an error naming the JSON path at fault.</summary>
public class GenesisValidationTests
{
    private static readonly string DevGenesis = File.ReadAllText(GenesisTestFiles.RepoGenesisPath);

    private const string Other = "0x00000000000000000000000000000000000000aa";

    private static readonly Dictionary<string, Action<JsonObject>> Breakages = new()
    {
        ["genesis.chainId: must be between 1"] = g => g["chainId"] = 0,
        ["genesis.chainId: must be a whole number"] = g => g["chainId"] = "4242",
        ["genesis.name: is required"] = g => g.Remove("name"),
        ["genesis.name: must not be empty"] = g => g["name"] = " ",
        ["genesis.chainid: unknown property (expected one of: chainId,"] = g => g["chainid"] = 1,
        ["genesis.banks: must be an array"] = g => g["banks"] = "bank-a",
        ["genesis.banks[1].id: 'bank-a' is already used"] = g => g["banks"]![1]!["id"] = "bank-a",
        ["genesis.banks[0].id: 'Bank_A' must be 1–32 lowercase"] = g => g["banks"]![0]!["id"] = "Bank_A",
        ["genesis.banks[2].operator: '0x1234' is not an address"] = g => g["banks"]![2]!["operator"] = "0x1234",
        ["genesis.banks[0].operator: '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266' has an invalid EIP-55 checksum"] =
            g => g["banks"]![0]!["operator"] = "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        ["genesis.banks[1].operator: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 already operates bank 'bank-a'"] =
            g => g["banks"]![1]!["operator"] = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        ["genesis.banks[3].jurisdiction: 'SGP' must be an ISO 3166-1"] = g => g["banks"]![3]!["jurisdiction"] = "SGP",
        ["genesis.banks[0].website: unknown property"] = g => g["banks"]![0]!["website"] = "https://a.example",
        ["genesis.members[0].bank: 'bank-z' is not a bank"] = g => g["members"] = Members(("bank-z", Other)),
        ["genesis.members[0].address: 0xBcd4042DE499D14e55001CcbB24a551F3b954096 is a validator"] =
            g => g["members"] = Members(("bank-a", "0xBcd4042DE499D14e55001CcbB24a551F3b954096")),
        ["genesis.members[1].address: "] = g => g["members"] = Members(("bank-a", Other), ("bank-b", Other)),
        ["genesis.members[0].address: must not be the zero address"] = g => g["members"] = Members(("bank-a", "0x0000000000000000000000000000000000000000")),
        ["genesis.members[0].host: unknown property"] = g =>
        {
            g["members"] = Members(("bank-a", Other));
            g["members"]![0]!["host"] = "10.0.0.9";
        },
        ["genesis.validators: must list at least one validator"] = g => g["validators"] = new JsonArray(),
        ["genesis.validators[1].address: 0xBcd4042DE499D14e55001CcbB24a551F3b954096 is already a validator"] =
            g => g["validators"]![1]!["address"] = "0xBcd4042DE499D14e55001CcbB24a551F3b954096",
        ["genesis.validators[0].bank: 'bank-z' is not a bank"] = g => g["validators"]![0]!["bank"] = "bank-z",
        ["genesis.validators[2].grpcPort: must be a port between 1 and 65535, got 70000"] = g => g["validators"]![2]!["grpcPort"] = 70000,
        ["genesis.validators[3].rpcPort: must be a port between 1 and 65535, got 0"] = g => g["validators"]![3]!["rpcPort"] = 0,
        ["genesis.validators[1].rpcPort: 127.0.0.1:8545 is already used by genesis.validators[0].rpcPort"] = g => g["validators"]![1]!["rpcPort"] = 8545,
        ["genesis.validators[0].address: is required"] = g => g["validators"]![0]!.AsObject().Remove("address"),
        ["genesis.tokens[2].decimals: must be between 0 and 18, got 19"] = g => g["tokens"]![2]!["decimals"] = 19,
        ["genesis.tokens[1].decimals: must be a whole number, got the number 2.5"] = g => g["tokens"]![1]!["decimals"] = 2.5,
        ["genesis.tokens[1].symbol: 'USDA' is already used by another token"] = g => g["tokens"]![1]!["symbol"] = "USDA",
        ["genesis.tokens[0].symbol: 'usda' must be 1–11 characters"] = g => g["tokens"]![0]!["symbol"] = "usda",
        ["genesis.tokens[0].symbol: 'ABCDEFGHIJKL' must be 1–11 characters"] = g => g["tokens"]![0]!["symbol"] = "ABCDEFGHIJKL",
        ["genesis.tokens[3].address: 0x2000000000000000000000000000000000000001 is already the address of another token"] =
            g => g["tokens"]![3]!["address"] = "0x2000000000000000000000000000000000000001",
        ["genesis.tokens[4].address: 0x1000000000000000000000000000000000000001 is the address of a system module"] =
            g => g["tokens"]![4]!["address"] = "0x1000000000000000000000000000000000000001",
        ["genesis.tokens[0].currency: 'US' must be an ISO 4217"] = g => g["tokens"]![0]!["currency"] = "US",
        ["genesis.tokens[1].issuer: 'bank-e' is not a bank"] = g => g["tokens"]![1]!["issuer"] = "bank-e",
        ["genesis.tokens[0].decimal: unknown property"] = g =>
        {
            g["tokens"]![0]!.AsObject().Remove("decimals");
            g["tokens"]![0]!["decimal"] = 2;
        },
        ["genesis.modules.Compliance: 0x1000000000000000000000000000000000000001 is already the address of module 'IdentityRegistry'"] =
            g => g["modules"]!["Compliance"] = "0x1000000000000000000000000000000000000001",
        ["genesis.modules.Settlement: must not be the zero address"] = g => g["modules"]!["Settlement"] = "0x0000000000000000000000000000000000000000",
        ["genesis.modules: module name '' must start with a letter"] = g => g["modules"]![""] = Other,
        ["genesis.modules: must be an object"] = g => g["modules"] = new JsonArray(),
        ["genesis.compliance.regulator: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 is already the operator of bank 'bank-a'"] =
            g => g["compliance"]!["regulator"] = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        ["genesis.compliance.regulator: must not be the zero address"] = g => g["compliance"]!["regulator"] = "0x0000000000000000000000000000000000000000",
        ["genesis.compliance.complianceOfficers[1].bank: 'bank-q' is not a bank"] = g => g["compliance"]!["complianceOfficers"]![1]!["bank"] = "bank-q",
        ["genesis.compliance.complianceOfficers[2].address: 0xcd3B766CCDd6AE721141F452C550Ca635964ce71 is already a compliance officer of bank 'bank-a'"] =
            g => g["compliance"]!["complianceOfficers"]![2]!["address"] = "0xcd3B766CCDd6AE721141F452C550Ca635964ce71",
        ["genesis.compliance.corridors[0][1]: 'de' must be an ISO 3166-1"] = g => g["compliance"]!["corridors"]![0]![1] = "de",
        ["genesis.compliance.corridors[1]: 'US' to itself is not cross-border"] = g => g["compliance"]!["corridors"]![1] = new JsonArray("US", "US"),
        ["genesis.compliance.corridors[5]: the corridor DE–US is listed twice"] = g => g["compliance"]!["corridors"]![5] = new JsonArray("DE", "US"),
        ["genesis.compliance.corridors[2]: must be a pair of jurisdictions"] = g => g["compliance"]!["corridors"]![2] = new JsonArray("US", "GB", "SG"),
        ["genesis.compliance.auditor: unknown property"] = g => g["compliance"]!["auditor"] = Other,
        ["genesis.identities[5].bank: 'bank-x' is not a bank"] = g => g["identities"]![5]!["bank"] = "bank-x",
        ["genesis.identities[0].jurisdiction: 'us' must be an ISO 3166-1"] = g => g["identities"]![0]!["jurisdiction"] = "us",
        ["genesis.identities[1].kycLevel: must be between 0 and 3, got 4"] = g => g["identities"]![1]!["kycLevel"] = 4,
        ["genesis.identities[9].address: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 is already registered"] =
            g => g["identities"]![9]!["address"] = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        ["genesis.identities[2].expiresAt: 1700000000 (unix seconds) is not after the genesis time"] = g => g["identities"]![2]!["expiresAt"] = 1700000000,
        ["genesis.allocations[0].amount: '0' must be a positive whole number"] = g => g["allocations"]![0]!["amount"] = "0",
        ["genesis.allocations[0].amount: '1.5' must be a positive whole number"] = g => g["allocations"]![0]!["amount"] = "1.5",
        ["genesis.allocations[0].amount: '-5' must be a positive whole number"] = g => g["allocations"]![0]!["amount"] = "-5",
        ["genesis.allocations[0].amount: must be a decimal string"] = g => g["allocations"]![0]!["amount"] = 1000000,
        ["genesis.allocations[0].amount: 1" + new string('0', 76) + " × 10^2 (USDA decimals) does not fit in uint256"] =
            g => g["allocations"]![0]!["amount"] = "1" + new string('0', 76),
        ["genesis.allocations[0].amount: the total genesis supply of USDA would exceed uint256"] =
            g => g["allocations"]![0]!["amount"] = "2" + new string('0', 74), // 2e76 base units each, 2e77 in all > 2^256
        ["genesis.allocations[0].tokens[2]: 'EURX' is not a token symbol"] = g => g["allocations"]![0]!["tokens"]![2] = "EURX",
        ["genesis.allocations[0].accounts[10]: 0x00000000000000000000000000000000000000AA is not in genesis.identities"] =
            g => g["allocations"]![0]!["accounts"]!.AsArray().Add(Other),
        ["genesis.allocations[1].accounts[0]: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 already receives USDA in allocations[0]"] =
            g => g["allocations"]!.AsArray().Add(JsonNode.Parse("""{"accounts":["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"],"tokens":["USDA"],"amount":"1"}""")),
        ["genesis.allocations[0].accounts: must list at least one account"] = g => g["allocations"]![0]!["accounts"] = new JsonArray(),
        ["genesis.consensus.blockIntervalMs: 0 must be between 1 and 60000"] = g => g["consensus"]!["blockIntervalMs"] = 0,
        ["genesis.consensus.maxRoundTimeoutMs: 1000 must not be below roundTimeoutMs (2000)"] = g => g["consensus"]!["maxRoundTimeoutMs"] = 1000,
        ["genesis.consensus.blockGasLimit: 20999 must be at least 21000"] = g => g["consensus"]!["blockGasLimit"] = 20999,
        ["genesis.consensus.maxTransactionBytes: 64 must be between 128"] = g => g["consensus"]!["maxTransactionBytes"] = 64,
        ["genesis.consensus.maxTransactionsPerBlock: -1 must be between 1"] = g => g["consensus"]!["maxTransactionsPerBlock"] = -1,
        ["genesis.consensus.maxTransactionBytes: 131073 must be between 128 and 131072"] = g => g["consensus"]!["maxTransactionBytes"] = 131073,
        ["genesis.consensus.maxBlockBytes: 33554433 must be at most 33554432, half the 67108864-byte peer message limit"] =
            g => g["consensus"]!["maxBlockBytes"] = 33_554_433,
        ["genesis.consensus.maxBlockBytes: 100000 must be at least 132128 so that a transaction of maxTransactionBytes (131072) fits"] =
            g => g["consensus"]!["maxBlockBytes"] = 100_000,
        ["genesis.consensus.blockGasLimit: 2000000 is below 2118152, the intrinsic gas of a maxTransactionBytes (131072) transaction"] =
            g => g["consensus"]!["blockGasLimit"] = 2_000_000,
        ["genesis.consensus.blockTime: unknown property"] = g => g["consensus"]!["blockTime"] = 1,
    };

    public static TheoryData<string> BrokenCases() => new(Breakages.Keys);

    [Fact]
    public void Members_round_trip_through_the_writer_and_a_duplicate_is_named()
    {
        var genesis = JsonNode.Parse(DevGenesis)!.AsObject();
        genesis["members"] = Members(("bank-b", Other));

        var loaded = GenesisLoader.Load(genesis.ToJsonString());
        var reloaded = GenesisLoader.Load(loaded.ToJson());

        Assert.Equal([new MemberConfig("bank-b", Ledger.Core.Primitives.Address.Parse(Other))], reloaded.Members);
        Assert.Empty(GenesisLoader.Load(DevGenesis).Members);
        Assert.DoesNotContain("\"members\"", GenesisLoader.Load(DevGenesis).ToJson(), StringComparison.Ordinal);
        genesis["members"] = Members(("bank-a", Other), ("bank-b", Other));
        var error = Assert.Throws<GenesisException>(() => GenesisLoader.Load(genesis.ToJsonString()));
        Assert.Contains("is already a member", error.Message, StringComparison.Ordinal);
    }

    private static JsonArray Members(params (string Bank, string Address)[] members) =>
        [.. members.Select(m => (JsonNode)new JsonObject { ["bank"] = m.Bank, ["address"] = m.Address })];

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public void A_broken_genesis_is_refused_with_the_path_at_fault(string expectedError)
    {
        var genesis = JsonNode.Parse(DevGenesis)!.AsObject();
        Breakages[expectedError](genesis);

        var error = Assert.Throws<GenesisException>(() => GenesisLoader.Load(genesis.ToJsonString()));

        Assert.Contains(error.Errors, e => e.StartsWith(expectedError, StringComparison.Ordinal));
        Assert.Contains(expectedError, error.Message);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "genesis: must be an object, got an array")]
    [InlineData("{\"chainId\": 1, // comment\n}", "not valid JSON")]
    public void Malformed_json_is_refused_with_a_clear_error(string json, string expected)
    {
        var error = Assert.Throws<GenesisException>(() => GenesisLoader.Load(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_duplicated_property_is_refused()
    {
        var json = DevGenesis.Replace("\"chainId\": 4242,", "\"chainId\": 4242, \"chainId\": 1,", StringComparison.Ordinal);
        var error = Assert.Throws<GenesisException>(() => GenesisLoader.Load(json));
        Assert.Contains("genesis.chainId: appears more than once", error.Message);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var genesis = JsonNode.Parse(DevGenesis)!.AsObject();
        genesis["chainId"] = 0;
        genesis["tokens"]![0]!["currency"] = "usd";

        var error = Assert.Throws<GenesisException>(() => GenesisLoader.Load(genesis.ToJsonString()));

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("2 problems", error.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "genesis.json");
        var error = Assert.Throws<GenesisException>(() => GenesisLoader.LoadFile(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void LoadFile_prefixes_errors_with_the_file_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, DevGenesis.Replace("\"chainId\": 4242", "\"chainId\": 0", StringComparison.Ordinal));
            var error = Assert.Throws<GenesisException>(() => GenesisLoader.LoadFile(path));
            Assert.StartsWith($"{path}: genesis.chainId:", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Optional_sections_default_when_absent()
    {
        var genesis = JsonNode.Parse(DevGenesis)!.AsObject();
        genesis.Remove("consensus");
        genesis.Remove("allocations");
        genesis.Remove("identities");

        var config = GenesisLoader.Load(genesis.ToJsonString());

        Assert.Equal(new ConsensusConfig(), config.Consensus);
        Assert.Empty(config.Identities);
        Assert.Empty(config.Allocations);
    }
}
