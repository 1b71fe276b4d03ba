using Ledger.Contracts.Aliases;
using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Contracts.Merchants;
using Ledger.Contracts.Settlement;
using Ledger.Contracts.Tokens;
using Ledger.Contracts.Validators;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts;

/// <summary>
/// Builds the modules a genesis describes: the system modules named in <c>modules</c> (in a fixed order, so
/// genesis state is written identically on every node) followed by one <see cref="DepositToken"/> per token.
/// Ledger.Node hands the result to the execution host's ModuleRegistry.
/// </summary>
public static class ModuleCatalog
{
    /// <summary>The system module names this build knows, in initialisation order.</summary>
    public static IReadOnlyList<string> KnownModules { get; } =
        [IdentityRegistry.ModuleName, ComplianceModule.ModuleName, SettlementModule.ModuleName, MerchantModule.ModuleName, DirectoryModule.ModuleName, ValidatorsModule.ModuleName];

    public static IReadOnlyList<IModule> FromGenesis(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        foreach (var name in genesis.Modules.Keys)
        {
            if (!KnownModules.Contains(name, StringComparer.Ordinal))
            {
                throw new GenesisException(
                    $"modules.{name}: unknown module '{name}'; this build of Ledger knows {string.Join(", ", KnownModules)}");
            }
        }

        var modules = new List<IModule>();
        var registry = Find(genesis, IdentityRegistry.ModuleName);
        var compliance = Find(genesis, ComplianceModule.ModuleName);
        if (genesis.Tokens.Count > 0 && registry is null)
        {
            throw new GenesisException(
                $"modules.{IdentityRegistry.ModuleName}: genesis defines tokens but no {IdentityRegistry.ModuleName}, which every token transfer consults");
        }

        if ((genesis.Tokens.Count > 0 || registry is not null) && compliance is null)
        {
            throw new GenesisException(
                $"modules.{ComplianceModule.ModuleName}: genesis defines {(genesis.Tokens.Count > 0 ? "tokens" : "an IdentityRegistry")} but no " +
                $"{ComplianceModule.ModuleName} module, which holds the roles and rules they rely on (e.g. \"{ComplianceModule.ModuleName}\": \"0x1000000000000000000000000000000000000002\")");
        }

        var settlement = Find(genesis, SettlementModule.ModuleName);
        var merchant = Find(genesis, MerchantModule.ModuleName);
        var directory = Find(genesis, DirectoryModule.ModuleName);
        if (registry is null || compliance is null)
        {
            if ((settlement ?? merchant ?? directory) is { } orphan)
            {
                throw new GenesisException(
                    $"modules: the Settlement, Merchant and Directory modules need the IdentityRegistry and Compliance modules (module at {orphan})");
            }

            AddValidators(genesis, modules);
            return modules;
        }

        Address[] custodians = [.. new[] { settlement, merchant }.Where(a => a is not null).Select(a => a!.Value)];
        var consortium = new Consortium(genesis.Banks, genesis.Tokens, registry.Value, compliance.Value, custodians, genesis.Compliance.FourEyes);
        var policy = new TransferPolicy(consortium);
        modules.Add(new IdentityRegistry(consortium, genesis.Identities));
        modules.Add(new ComplianceModule(policy, genesis.Compliance));
        for (var i = 0; i < genesis.Tokens.Count; i++)
        {
            var token = genesis.Tokens[i];
            var issuer = genesis.Banks[consortium.FindToken(token.Address)!.BankIndex];
            modules.Add(new DepositToken(token, issuer, policy, GenesisBalances(genesis, token, i)));
        }

        // After the tokens, so the genesis state of the chains that predate these modules is unchanged.
        if (settlement is { } settlementAddress)
        {
            modules.Add(new SettlementModule(policy, settlementAddress));
        }

        if (merchant is { } merchantAddress)
        {
            modules.Add(new MerchantModule(policy, merchantAddress));
        }

        if (directory is { } directoryAddress)
        {
            modules.Add(new DirectoryModule(consortium, directoryAddress));
        }

        AddValidators(genesis, modules);
        return modules;
    }

    /// <summary>The Validators module (validator set changes by vote) needs nothing but genesis; it comes last.</summary>
    private static void AddValidators(GenesisConfig genesis, List<IModule> modules)
    {
        if (Find(genesis, ValidatorsModule.ModuleName) is { } address)
        {
            modules.Add(new ValidatorsModule(address, genesis.Validators, genesis.Banks.Select(b => b.Id), genesis.Members));
        }
    }

    private static Address? Find(GenesisConfig genesis, string name) =>
        genesis.Modules.TryGetValue(name, out var address) ? address : null;

    /// <summary>Each account's genesis balance of <paramref name="token"/> in base units, summed over allocations.</summary>
    private static List<KeyValuePair<Address, UInt256>> GenesisBalances(GenesisConfig genesis, TokenConfig token, int tokenIndex)
    {
        var order = new List<Address>();
        var totals = new Dictionary<Address, UInt256>();
        var supply = UInt256.Zero;
        for (var a = 0; a < genesis.Allocations.Count; a++)
        {
            var allocation = genesis.Allocations[a];
            if (!allocation.Tokens.Contains(token.Symbol, StringComparer.Ordinal))
            {
                continue;
            }

            UInt256 amount;
            try
            {
                amount = allocation.ToBaseUnits(token.Decimals);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new GenesisException($"allocations[{a}].amount: {e.Message} (token {token.Symbol})", e);
            }

            foreach (var account in allocation.Accounts)
            {
                var current = totals.GetValueOrDefault(account);
                if (!totals.ContainsKey(account))
                {
                    order.Add(account);
                }

                if (!UInt256.TryAdd(current, amount, out var sum))
                {
                    throw new GenesisException($"allocations[{a}]: the {token.Symbol} balance of {account} overflows uint256 (tokens[{tokenIndex}])");
                }

                if (!UInt256.TryAdd(supply, amount, out supply))
                {
                    throw new GenesisException($"allocations[{a}]: the total supply of {token.Symbol} overflows uint256 (tokens[{tokenIndex}])");
                }

                totals[account] = sum;
            }
        }

        return order.ConvertAll(account => KeyValuePair.Create(account, totals[account]));
    }
}
