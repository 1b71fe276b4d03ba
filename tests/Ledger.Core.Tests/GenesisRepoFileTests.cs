using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

/// <summary>The repository's genesis.json is the 4-bank dev consortium of docs/architecture.md, and valid.</summary>
public class GenesisRepoFileTests
{
    private static readonly GenesisConfig Genesis = GenesisLoader.LoadFile(GenesisTestFiles.RepoGenesisPath);

    [Fact]
    public void It_names_the_dev_chain()
    {
        Assert.Equal(4242UL, Genesis.ChainId);
        Assert.Equal("ledger-dev-consortium", Genesis.Name);
        Assert.Equal(1764201600000UL, Genesis.TimestampMs);
        Assert.Equal(new ConsensusConfig(), Genesis.Consensus);
    }

    [Fact]
    public void Banks_a_to_d_are_operated_by_dev_accounts_0_to_3()
    {
        Assert.Equal(
            [("bank-a", "Bank A", "US"), ("bank-b", "Bank B", "DE"), ("bank-c", "Bank C", "GB"), ("bank-d", "Bank D", "SG")],
            Genesis.Banks.Select(b => (b.Id, b.Name, b.Jurisdiction)));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(DevKeys.Address(i), Genesis.Banks[i].Operator);
        }
    }

    [Fact]
    public void Validators_are_dev_accounts_10_to_13_on_loopback_ports()
    {
        Assert.Equal(4, Genesis.Validators.Count);
        for (var i = 0; i < 4; i++)
        {
            var validator = Genesis.Validators[i];
            Assert.Equal(new ValidatorConfig(Genesis.Banks[i].Id, DevKeys.Address(10 + i), "127.0.0.1", 30301 + i, 8545 + i), validator);
        }
    }

    [Fact]
    public void It_defines_the_five_deposit_tokens_the_identity_registry_and_compliance()
    {
        Assert.Equal(
            [
                ("0x2000000000000000000000000000000000000001", "USDA", "Bank A US Dollar Deposit", "USD", "bank-a"),
                ("0x2000000000000000000000000000000000000002", "EURA", "Bank A Euro Deposit", "EUR", "bank-a"),
                ("0x2000000000000000000000000000000000000003", "EURB", "Bank B Euro Deposit", "EUR", "bank-b"),
                ("0x2000000000000000000000000000000000000004", "GBPC", "Bank C Pound Sterling Deposit", "GBP", "bank-c"),
                ("0x2000000000000000000000000000000000000005", "SGDD", "Bank D Singapore Dollar Deposit", "SGD", "bank-d"),
            ],
            Genesis.Tokens.Select(t => (t.Address.ToString(), t.Symbol, t.Name, t.Currency, t.Issuer)));
        Assert.All(Genesis.Tokens, t => Assert.Equal(2, t.Decimals));
        Assert.Equal(
            [
                ("IdentityRegistry", Address.Parse("0x1000000000000000000000000000000000000001")),
                ("Compliance", Address.Parse("0x1000000000000000000000000000000000000002")),
                ("Settlement", Address.Parse("0x1000000000000000000000000000000000000003")),
                ("Merchant", Address.Parse("0x1000000000000000000000000000000000000004")),
                ("Directory", Address.Parse("0x1000000000000000000000000000000000000005")),
                ("Validators", Address.Parse("0x1000000000000000000000000000000000000006")),
            ],
            Genesis.Modules.Select(m => (m.Key, m.Value)));
    }

    [Fact]
    public void The_regulator_is_dev_account_14_officers_are_15_to_18_and_the_four_jurisdictions_are_all_connected()
    {
        Assert.Equal(DevKeys.Address(14), Genesis.Compliance.Regulator);
        Assert.Equal(
            Genesis.Banks.Select((b, i) => new ComplianceOfficerConfig(b.Id, DevKeys.Address(15 + i))),
            Genesis.Compliance.ComplianceOfficers);
        var pairs = Genesis.Compliance.Corridors.Select(c => string.Join("-", new[] { c.JurisdictionA, c.JurisdictionB }.Order(StringComparer.Ordinal))).ToHashSet();
        string[] jurisdictions = ["US", "DE", "GB", "SG"];
        foreach (var a in jurisdictions)
        {
            foreach (var b in jurisdictions.Where(b => string.CompareOrdinal(a, b) < 0))
            {
                Assert.Contains($"{a}-{b}", pairs);
            }
        }

        Assert.Equal(6, pairs.Count);
    }

    [Fact]
    public void Accounts_0_to_9_are_registered_at_bank_i_mod_4_and_hold_a_million_of_every_token()
    {
        Assert.Equal(10, Genesis.Identities.Count);
        for (var i = 0; i < 10; i++)
        {
            var bank = Genesis.Banks[i % 4];
            Assert.Equal(new IdentityConfig(DevKeys.Address(i), bank.Id, bank.Jurisdiction, 2, 2082758400), Genesis.Identities[i]);
        }

        var allocation = Assert.Single(Genesis.Allocations);
        Assert.Equal(Enumerable.Range(0, 10).Select(DevKeys.Address), allocation.Accounts);
        Assert.Equal(Genesis.Tokens.Select(t => t.Symbol), allocation.Tokens);
        Assert.Equal("1000000", allocation.Amount);
        Assert.Equal(new UInt256(100_000_000), allocation.ToBaseUnits(2));
    }

    [Fact]
    public void Every_address_in_the_file_is_written_in_eip55_checksum_case()
    {
        var text = File.ReadAllText(GenesisTestFiles.RepoGenesisPath);
        var addresses = System.Text.RegularExpressions.Regex.Matches(text, "0x[0-9a-fA-F]{40}").Select(m => m.Value).ToArray();
        Assert.Equal(4 + 4 + 5 + 6 + 1 + 4 + 10 + 10, addresses.Length);
        Assert.All(addresses, a => Assert.True(Address.IsValidChecksum(a), a));
    }

    [Fact]
    public void The_file_is_exactly_what_ToJson_writes_so_it_round_trips()
    {
        var text = File.ReadAllText(GenesisTestFiles.RepoGenesisPath).ReplaceLineEndings("\n");
        Assert.Equal(text, Genesis.ToJson());
        Assert.Equal(Genesis.ToJson(), GenesisLoader.Load(Genesis.ToJson()).ToJson());
    }

    [Fact]
    public void WithSingleValidator_keeps_everything_but_the_chosen_validator()
    {
        var single = Genesis.WithSingleValidator(2);

        Assert.Equal(Genesis.Validators[2], Assert.Single(single.Validators));
        Assert.Equal(Genesis.ChainId, single.ChainId);
        Assert.Same(Genesis.Tokens, single.Tokens);
        Assert.Same(Genesis.Identities, single.Identities);
        Assert.Same(Genesis.Allocations, single.Allocations);
        Assert.Equal(4, Genesis.Validators.Count);
        Assert.Empty(GenesisLoader.Load(single.ToJson()).Validators.Skip(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Genesis.WithSingleValidator(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Genesis.WithSingleValidator(-1));
    }
}
