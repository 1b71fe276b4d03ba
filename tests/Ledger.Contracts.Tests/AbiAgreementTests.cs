using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Core.Encoding;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tests;

/// <summary>The C# dispatch tables and the published ABI (contracts/abi) describe the same functions and events.</summary>
public class AbiAgreementTests
{
    public static TheoryData<string> ModuleNames() => new(ModuleCatalog.FromGenesis(TestGenesis.Create()).Select(m => m.Name));

    private static ModuleBase Module(string name) =>
        (ModuleBase)ModuleCatalog.FromGenesis(TestGenesis.Create()).Single(m => m.Name == name);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Abi_json_functions_equal_the_dispatch_signatures_in_both_directions(string name)
    {
        var module = Module(name);
        var fromAbi = AbiFunctions(module.AbiJson).Select(f => f.Signature).Order(StringComparer.Ordinal).ToArray();
        var fromDispatch = module.Signatures.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(fromAbi, fromDispatch);
        Assert.Equal(fromDispatch.Length, module.Selectors.Count);
        Assert.All(fromDispatch, s => Assert.Contains(AbiSelector.Of(s), module.Selectors));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Abi_json_view_functions_are_the_ones_registered_as_views(string name)
    {
        var module = Module(name);
        foreach (var (signature, isView) in AbiFunctions(module.AbiJson))
        {
            Assert.Equal(isView, module.FindFunction(signature)!.IsView);
        }
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Abi_json_events_equal_the_declared_events(string name)
    {
        var module = Module(name);
        var fromAbi = AbiEvents(module.AbiJson).Order(StringComparer.Ordinal).ToArray();
        var declared = module.Events.Select(e => e.Signature).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(declared);
        Assert.Equal(fromAbi, declared);
        Assert.All(module.Events, e => Assert.Equal(AbiTopic.OfEvent(e.Signature), e.Topic0));
    }

    [Theory]
    [InlineData("DepositToken.json", "IDepositToken.sol")]
    [InlineData("IdentityRegistry.json", "IIdentityRegistry.sol")]
    [InlineData("Compliance.json", "ICompliance.sol")]
    [InlineData("Merchant.json", "IMerchant.sol")]
    [InlineData("Directory.json", "IDirectory.sol")]
    [InlineData("Settlement.json", "ISettlement.sol")]
    [InlineData("Validators.json", "IValidators.sol")]
    public void Served_abi_is_the_repository_file_and_the_solidity_interface_declares_every_member(string json, string sol)
    {
        var abiDir = Path.Combine(RepoRoot(), "contracts", "abi");
        var text = File.ReadAllText(Path.Combine(abiDir, json));
        Assert.Equal(text, AbiResources.Load(json));
        var solidity = File.ReadAllText(Path.Combine(abiDir, sol));
        using var doc = JsonDocument.Parse(text);
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            var kind = entry.GetProperty("type").GetString();
            var entryName = entry.GetProperty("name").GetString();
            Assert.Matches(new Regex($@"\b{kind} {entryName}\("), solidity);
        }
    }

    [Fact]
    public void Erc20_standard_selectors_and_topics_are_the_well_known_ones()
    {
        var token = Module("DepositToken:USDA");
        Assert.Contains(0xa9059cbbu, token.Selectors);
        Assert.Contains(0x095ea7b3u, token.Selectors);
        Assert.Contains(0x23b872ddu, token.Selectors);
        Assert.Contains(0x70a08231u, token.Selectors);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", Erc20Events.Transfer.Topic0.ToString());
        Assert.Equal("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", Erc20Events.Approval.Topic0.ToString());
    }

    private static IEnumerable<(string Signature, bool IsView)> AbiFunctions(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = new List<(string, bool)>();
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("type").GetString() == "function")
            {
                var mutability = entry.GetProperty("stateMutability").GetString();
                result.Add((Signature(entry), mutability is "view" or "pure"));
            }
        }

        return result;
    }

    private static IEnumerable<string> AbiEvents(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "event")
            .Select(Signature)
            .ToArray();
    }

    private static string Signature(JsonElement entry) =>
        entry.GetProperty("name").GetString() + "(" +
        string.Join(",", entry.GetProperty("inputs").EnumerateArray().Select(CanonicalType)) + ")";

    /// <summary>Canonical type of an ABI parameter; tuples expand to "(t1,t2)" as selectors require.</summary>
    private static string CanonicalType(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
        {
            return type;
        }

        var inner = string.Join(",", parameter.GetProperty("components").EnumerateArray().Select(CanonicalType));
        return "(" + inner + ")" + type["tuple".Length..];
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }
}
