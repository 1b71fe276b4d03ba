using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

public class ModuleCatalogTests
{
    [Fact]
    public void Genesis_yields_the_registry_compliance_one_token_module_per_token_then_the_payment_modules_at_their_addresses()
    {
        var modules = ModuleCatalog.FromGenesis(TestGenesis.Create());

        Assert.Equal(
            ["IdentityRegistry", "Compliance", "DepositToken:USDA", "DepositToken:EURB", "Settlement", "Merchant", "Directory", "Validators"],
            modules.Select(m => m.Name));
        Assert.Equal(
            [TestGenesis.Registry, TestGenesis.Compliance, TestGenesis.Usda, TestGenesis.Eurb, TestGenesis.Settlement, TestGenesis.Merchant, TestGenesis.Directory, TestGenesis.Validators],
            modules.Select(m => m.Address));
        var eurb = Assert.IsType<DepositToken>(modules[3]);
        Assert.Equal("bank-b", eurb.Issuer.Id);
        Assert.Equal("EUR", eurb.Currency);
        Assert.IsType<IdentityRegistry>(modules[0]);
        Assert.IsType<Compliance.ComplianceModule>(modules[1]);
        Assert.All(modules, m => Assert.StartsWith("[", m.AbiJson));
    }

    [Fact]
    public void An_unknown_module_name_is_a_clear_genesis_error()
    {
        var genesis = TestGenesis.Create() with
        {
            Modules = new Dictionary<string, Address>
            {
                ["IdentityRegistry"] = TestGenesis.Registry,
                ["Compliance"] = TestGenesis.Compliance,
                ["Teleporter"] = Address.Parse("0x1000000000000000000000000000000000000009"),
            },
        };

        var error = Assert.Throws<GenesisException>(() => ModuleCatalog.FromGenesis(genesis));
        Assert.Equal("modules.Teleporter: unknown module 'Teleporter'; this build of Ledger knows IdentityRegistry, Compliance, Settlement, Merchant, Directory, Validators", error.Message);
    }

    [Fact]
    public void Tokens_without_an_identity_registry_are_refused()
    {
        var genesis = TestGenesis.Create() with { Modules = new Dictionary<string, Address>() };
        var error = Assert.Throws<GenesisException>(() => ModuleCatalog.FromGenesis(genesis));
        Assert.Contains("genesis defines tokens but no IdentityRegistry", error.Message);
    }

    [Fact]
    public void Tokens_without_compliance_are_refused_with_the_address_to_add()
    {
        var genesis = TestGenesis.Create() with { Modules = new Dictionary<string, Address> { ["IdentityRegistry"] = TestGenesis.Registry } };
        var error = Assert.Throws<GenesisException>(() => ModuleCatalog.FromGenesis(genesis));
        Assert.StartsWith("modules.Compliance: genesis defines tokens but no Compliance module", error.Message);
    }

    [Fact]
    public void Payment_modules_without_the_registry_and_compliance_are_refused()
    {
        var genesis = TestGenesis.Create() with
        {
            Tokens = [],
            Allocations = [],
            Identities = [],
            Modules = new Dictionary<string, Address> { ["Merchant"] = TestGenesis.Merchant },
        };
        var error = Assert.Throws<GenesisException>(() => ModuleCatalog.FromGenesis(genesis));
        Assert.Contains("need the IdentityRegistry and Compliance modules", error.Message);
    }

    [Fact]
    public void A_token_whose_issuer_is_not_a_bank_is_refused()
    {
        var genesis = TestGenesis.Create();
        genesis = genesis with { Tokens = [genesis.Tokens[0] with { Issuer = "bank-z" }] };
        var error = Assert.Throws<GenesisException>(() => ModuleCatalog.FromGenesis(genesis));
        Assert.Equal("tokens[0].issuer: 'bank-z' is not the id of a bank in banks", error.Message);
    }

    [Fact]
    public void Allocations_that_overflow_uint256_are_refused()
    {
        var huge = System.Numerics.BigInteger.Pow(2, 255).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var error = Assert.Throws<GenesisException>(() => ModuleCatalog.FromGenesis(TestGenesis.Create(huge)));
        Assert.StartsWith("allocations[0]", error.Message);
    }

    [Fact]
    public void The_repository_genesis_builds_its_modules()
    {
        var genesis = GenesisLoader.LoadFile(Path.Combine(AbiAgreementTests.RepoRoot(), "genesis.json"));
        var modules = ModuleCatalog.FromGenesis(genesis);
        Assert.Equal(genesis.Tokens.Count + genesis.Modules.Count, modules.Count);
        Assert.Contains(modules, m => m.Name == "DepositToken:USDA");
    }
}
