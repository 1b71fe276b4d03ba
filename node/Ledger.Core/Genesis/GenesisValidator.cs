using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// The semantic rules of a genesis (uniqueness, references between sections, ranges). Collects every problem
/// rather than stopping at the first, so an operator fixes a file in one pass.
/// </summary>
internal sealed partial class GenesisValidator
{
    private const string Root = GenesisParser.Root;

    private readonly GenesisConfig _config;
    private readonly List<string> _errors = [];
    private readonly Dictionary<string, BankConfig> _banks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenConfig> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<Address> _moduleAddresses = [];
    private readonly HashSet<Address> _tokenAddresses = [];

    private GenesisValidator(GenesisConfig config) => _config = config;

    public static IReadOnlyList<string> Validate(GenesisConfig config)
    {
        var validator = new GenesisValidator(config);
        validator.CheckChain();
        validator.CheckBanks();
        validator.CheckValidators();
        validator.CheckMembers();
        validator.CheckModules();
        validator.CheckTokens();
        validator.CheckCompliance();
        validator.CheckIdentities();
        validator.CheckAllocations();
        validator.CheckConsensus();
        return validator._errors;
    }

    private void Error(string path, string message) => _errors.Add($"{path}: {message}");

    private void CheckChain()
    {
        if (_config.ChainId is 0 or > GenesisRules.MaxChainId)
        {
            Error($"{Root}.chainId", $"must be between 1 and {GenesisRules.MaxChainId} (2^53 − 1, so JavaScript clients can hold it)");
        }

        if (string.IsNullOrWhiteSpace(_config.Name))
        {
            Error($"{Root}.name", "must not be empty");
        }
    }

    private void CheckBanks()
    {
        if (_config.Banks.Count == 0)
        {
            Error($"{Root}.banks", "must list at least one bank");
        }

        var operators = new Dictionary<Address, string>();
        for (var i = 0; i < _config.Banks.Count; i++)
        {
            var bank = _config.Banks[i];
            var at = $"{Root}.banks[{i}]";
            if (!GenesisRules.IsBankId(bank.Id))
            {
                Error($"{at}.id", $"'{bank.Id}' must be 1–32 lowercase letters, digits or inner '-' (e.g. \"bank-a\")");
            }
            else if (!_banks.TryAdd(bank.Id, bank))
            {
                Error($"{at}.id", $"'{bank.Id}' is already used by another bank");
            }

            if (string.IsNullOrWhiteSpace(bank.Name))
            {
                Error($"{at}.name", "must not be empty");
            }

            if (bank.Operator.IsZero)
            {
                Error($"{at}.operator", "must not be the zero address");
            }
            else if (!operators.TryAdd(bank.Operator, bank.Id))
            {
                Error($"{at}.operator", $"{bank.Operator.ToChecksumString()} already operates bank '{operators[bank.Operator]}'");
            }

            CheckJurisdiction($"{at}.jurisdiction", bank.Jurisdiction);
        }
    }

    private void CheckValidators()
    {
        if (_config.Validators.Count == 0)
        {
            Error($"{Root}.validators", "must list at least one validator");
        }

        var addresses = new HashSet<Address>();
        var endpoints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _config.Validators.Count; i++)
        {
            var validator = _config.Validators[i];
            var at = $"{Root}.validators[{i}]";
            CheckBankReference($"{at}.bank", validator.Bank);
            if (validator.Address.IsZero)
            {
                Error($"{at}.address", "must not be the zero address");
            }
            else if (!addresses.Add(validator.Address))
            {
                Error($"{at}.address", $"{validator.Address.ToChecksumString()} is already a validator");
            }

            if (string.IsNullOrWhiteSpace(validator.Host) || validator.Host.Any(char.IsWhiteSpace))
            {
                Error($"{at}.host", "must be a host name or IP address");
            }

            // Two services on one host:port cannot both listen; catch it here rather than at node start.
            foreach (var (name, port) in new[] { ("grpcPort", validator.GrpcPort), ("rpcPort", validator.RpcPort) })
            {
                var endpoint = $"{validator.Host}:{port}";
                if (!endpoints.TryAdd(endpoint, $"{at}.{name}"))
                {
                    Error($"{at}.{name}", $"{endpoint} is already used by {endpoints[endpoint]}");
                }
            }
        }
    }

    private void CheckModules()
    {
        var names = new Dictionary<Address, string>();
        foreach (var (name, address) in _config.Modules)
        {
            var at = $"{Root}.modules.{name}";
            if (!GenesisRules.IsModuleName(name))
            {
                Error($"{Root}.modules", $"module name '{name}' must start with a letter and contain only letters and digits");
            }

            if (address.IsZero)
            {
                Error(at, "must not be the zero address (it holds the system namespace)");
            }
            else if (!names.TryAdd(address, name))
            {
                Error(at, $"{address.ToChecksumString()} is already the address of module '{names[address]}'");
            }
            else
            {
                _moduleAddresses.Add(address);
            }
        }
    }

    private void CheckTokens()
    {
        for (var i = 0; i < _config.Tokens.Count; i++)
        {
            var token = _config.Tokens[i];
            var at = $"{Root}.tokens[{i}]";
            if (token.Address.IsZero)
            {
                Error($"{at}.address", "must not be the zero address");
            }
            else if (_moduleAddresses.Contains(token.Address))
            {
                Error($"{at}.address", $"{token.Address.ToChecksumString()} is the address of a system module");
            }
            else if (!_tokenAddresses.Add(token.Address))
            {
                Error($"{at}.address", $"{token.Address.ToChecksumString()} is already the address of another token");
            }

            if (!GenesisRules.IsTokenSymbol(token.Symbol))
            {
                Error($"{at}.symbol", $"'{token.Symbol}' must be 1–11 characters A–Z or 0–9");
            }
            else if (!_tokens.TryAdd(token.Symbol, token))
            {
                Error($"{at}.symbol", $"'{token.Symbol}' is already used by another token");
            }

            if (string.IsNullOrWhiteSpace(token.Name))
            {
                Error($"{at}.name", "must not be empty");
            }

            if (!GenesisRules.IsCurrencyCode(token.Currency))
            {
                Error($"{at}.currency", $"'{token.Currency}' must be an ISO 4217 code of three uppercase letters (e.g. \"EUR\")");
            }

            if (token.Decimals > GenesisRules.MaxDecimals)
            {
                Error($"{at}.decimals", $"must be between 0 and {GenesisRules.MaxDecimals}");
            }

            CheckBankReference($"{at}.issuer", token.Issuer);
        }
    }

    private void CheckBankReference(string path, string bankId)
    {
        if (!_banks.ContainsKey(bankId))
        {
            Error(path, $"'{bankId}' is not a bank in genesis.banks (known: {string.Join(", ", _banks.Keys)})");
        }
    }

    private void CheckJurisdiction(string path, string value)
    {
        if (!GenesisRules.IsJurisdiction(value))
        {
            Error(path, $"'{value}' must be an ISO 3166-1 alpha-2 code of two uppercase letters (e.g. \"DE\")");
        }
    }
}
