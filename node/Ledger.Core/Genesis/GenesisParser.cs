using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// Maps the JSON document onto the genesis records, failing fast on shape errors (wrong type, missing or unknown
/// property, malformed address). Rules that relate values to each other live in <see cref="GenesisValidator"/>.
/// </summary>
internal static class GenesisParser
{
    public const string Root = "genesis";

    public static GenesisConfig Parse(JsonElement root)
    {
        var genesis = new JsonObjectReader(root, Root,
            "chainId", "name", "timestampMs", "banks", "validators", "members", "tokens", "modules", "compliance", "identities", "allocations", "consensus");
        return new GenesisConfig
        {
            ChainId = genesis.UInt64("chainId"),
            Name = genesis.String("name"),
            TimestampMs = genesis.UInt64("timestampMs"),
            Banks = genesis.Array("banks", ParseBank),
            Validators = genesis.Array("validators", ParseValidator),
            Members = genesis.Has("members") ? genesis.Array("members", ParseMember) : [],
            Tokens = genesis.Array("tokens", ParseToken),
            Modules = ParseModules(genesis.Required("modules"), Root + ".modules"),
            Identities = genesis.Has("identities") ? genesis.Array("identities", ParseIdentity) : [],
            Allocations = genesis.Has("allocations") ? genesis.Array("allocations", ParseAllocation) : [],
            Consensus = genesis.Has("consensus") ? ParseConsensus(genesis.Object("consensus", ConsensusNames)) : new ConsensusConfig(),
            Compliance = genesis.Has("compliance")
                ? ParseCompliance(genesis.Object("compliance", "regulator", "complianceOfficers", "corridors", "fourEyes"))
                : new ComplianceConfig(),
        };
    }

    private static readonly string[] ConsensusNames =
    [
        "blockIntervalMs", "emptyBlockIntervalSeconds", "roundTimeoutMs", "maxRoundTimeoutMs", "blockGasLimit",
        "maxTransactionsPerBlock", "maxTransactionBytes", "maxBlockBytes",
    ];

    private static BankConfig ParseBank(JsonElement element, string path)
    {
        var bank = new JsonObjectReader(element, path, "id", "name", "operator", "jurisdiction");
        return new BankConfig(bank.String("id"), bank.String("name"), bank.Address("operator"), bank.String("jurisdiction"));
    }

    private static ValidatorConfig ParseValidator(JsonElement element, string path)
    {
        var validator = new JsonObjectReader(element, path, "bank", "address", "host", "grpcPort", "rpcPort");
        return new ValidatorConfig(
            validator.String("bank"),
            validator.Address("address"),
            validator.String("host"),
            Port(validator, "grpcPort"),
            Port(validator, "rpcPort"));
    }

    private static MemberConfig ParseMember(JsonElement element, string path)
    {
        var member = new JsonObjectReader(element, path, "bank", "address");
        return new MemberConfig(member.String("bank"), member.Address("address"));
    }

    private static TokenConfig ParseToken(JsonElement element, string path)
    {
        var token = new JsonObjectReader(element, path, "address", "symbol", "name", "currency", "decimals", "issuer");
        var decimals = token.Int64("decimals");
        if (decimals is < 0 or > GenesisRules.MaxDecimals)
        {
            throw JsonObjectReader.Error(path + ".decimals", $"must be between 0 and {GenesisRules.MaxDecimals}, got {decimals}");
        }

        return new TokenConfig(
            token.Address("address"), token.String("symbol"), token.String("name"), token.String("currency"), (byte)decimals, token.String("issuer"));
    }

    private static IdentityConfig ParseIdentity(JsonElement element, string path)
    {
        var identity = new JsonObjectReader(element, path, "address", "bank", "jurisdiction", "kycLevel", "expiresAt");
        var kyc = identity.Int64("kycLevel");
        if (kyc is < 0 or > GenesisRules.MaxKycLevel)
        {
            throw JsonObjectReader.Error(path + ".kycLevel", $"must be between 0 and {GenesisRules.MaxKycLevel}, got {kyc}");
        }

        return new IdentityConfig(
            identity.Address("address"), identity.String("bank"), identity.String("jurisdiction"), (byte)kyc, identity.UInt64("expiresAt"));
    }

    private static AllocationConfig ParseAllocation(JsonElement element, string path)
    {
        var allocation = new JsonObjectReader(element, path, "accounts", "tokens", "amount");
        var amount = allocation.Required("amount");
        if (amount.ValueKind != JsonValueKind.String)
        {
            // A JSON number would silently lose precision in many tools past 2^53; insist on the string form.
            throw JsonObjectReader.Error(path + ".amount", $"must be a decimal string of whole units such as \"1000000\", got {amount.GetRawText()}");
        }

        return new AllocationConfig(
            allocation.Array("accounts", JsonObjectReader.ParseAddress),
            allocation.Array("tokens", JsonObjectReader.ParseString),
            amount.GetString()!);
    }

    private static ConsensusConfig ParseConsensus(JsonObjectReader consensus)
    {
        var defaults = new ConsensusConfig();
        return new ConsensusConfig(
            Int(consensus, "blockIntervalMs", defaults.BlockIntervalMs),
            Int(consensus, "emptyBlockIntervalSeconds", defaults.EmptyBlockIntervalSeconds),
            Int(consensus, "roundTimeoutMs", defaults.RoundTimeoutMs),
            Int(consensus, "maxRoundTimeoutMs", defaults.MaxRoundTimeoutMs),
            consensus.UInt64("blockGasLimit", defaults.BlockGasLimit),
            Int(consensus, "maxTransactionsPerBlock", defaults.MaxTransactionsPerBlock),
            Int(consensus, "maxTransactionBytes", defaults.MaxTransactionBytes),
            Int(consensus, "maxBlockBytes", defaults.MaxBlockBytes));
    }

    private static ComplianceConfig ParseCompliance(JsonObjectReader compliance) => new()
    {
        Regulator = compliance.Has("regulator") ? compliance.Address("regulator") : null,
        ComplianceOfficers = compliance.Has("complianceOfficers") ? compliance.Array("complianceOfficers", ParseOfficer) : [],
        Corridors = compliance.Has("corridors") ? compliance.Array("corridors", ParseCorridor) : [],
        FourEyes = compliance.Has("fourEyes")
            ? ParseFourEyes(compliance.Object("fourEyes", "requestTtlSeconds", "recoveryDelaySeconds", "mintThreshold", "mintThresholds"))
            : new FourEyesConfig(),
    };

    private static FourEyesConfig ParseFourEyes(JsonObjectReader fourEyes)
    {
        var thresholds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fourEyes.Has("mintThresholds"))
        {
            var element = fourEyes.Required("mintThresholds");
            var at = fourEyes.Path + ".mintThresholds";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw JsonObjectReader.Error(at, $"must be an object of token symbol to whole units, such as {{\"USDA\": \"250000\"}}, got {element.GetRawText()}");
            }

            foreach (var property in element.EnumerateObject())
            {
                thresholds[property.Name] = JsonObjectReader.ParseString(property.Value, $"{at}.{property.Name}");
            }
        }

        return new FourEyesConfig
        {
            RequestTtlSeconds = fourEyes.UInt64("requestTtlSeconds", FourEyesConfig.DefaultRequestTtlSeconds),
            RecoveryDelaySeconds = fourEyes.UInt64("recoveryDelaySeconds", FourEyesConfig.DefaultRecoveryDelaySeconds),
            MintThreshold = fourEyes.Has("mintThreshold") ? fourEyes.String("mintThreshold") : FourEyesConfig.DefaultMintThreshold,
            MintThresholds = thresholds,
        };
    }

    private static ComplianceOfficerConfig ParseOfficer(JsonElement element, string path)
    {
        var officer = new JsonObjectReader(element, path, "bank", "address");
        return new ComplianceOfficerConfig(officer.String("bank"), officer.Address("address"));
    }

    private static CorridorConfig ParseCorridor(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
        {
            throw JsonObjectReader.Error(path, $"must be a pair of jurisdictions such as [\"US\", \"DE\"], got {element.GetRawText()}");
        }

        return new CorridorConfig(
            JsonObjectReader.ParseString(element[0], path + "[0]"),
            JsonObjectReader.ParseString(element[1], path + "[1]"));
    }

    private static Dictionary<string, Address> ParseModules(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw JsonObjectReader.Error(path, "must be an object mapping module names to addresses");
        }

        // Dictionary keeps insertion order while nothing is removed, so ToJson writes modules in file order.
        var modules = new Dictionary<string, Address>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (!modules.TryAdd(property.Name, JsonObjectReader.ParseAddress(property.Value, at)))
            {
                throw JsonObjectReader.Error(at, "appears more than once");
            }
        }

        return modules;
    }

    private static int Port(JsonObjectReader reader, string name)
    {
        var value = reader.Int64(name);
        return value is >= 1 and <= 65535
            ? (int)value
            : throw JsonObjectReader.Error($"{reader.Path}.{name}", $"must be a port between 1 and 65535, got {value}");
    }

    private static int Int(JsonObjectReader reader, string name, int fallback)
    {
        var value = reader.Int64(name, fallback);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw JsonObjectReader.Error($"{reader.Path}.{name}", $"must be at most {int.MaxValue}, got {value}");
    }
}
