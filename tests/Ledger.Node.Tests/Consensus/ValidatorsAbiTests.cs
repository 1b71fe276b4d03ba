using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Validators;
using Ledger.Core.Encoding;
using Ledger.Node.Cli;

namespace Ledger.Node.Tests.Consensus;

/// <summary>contracts/abi/Validators.json and the module's dispatch table describe the same functions, views and events.</summary>
public sealed class ValidatorsAbiTests
{
    private static readonly ValidatorsModule Module =
        ModuleCatalog.FromGenesis(EmbeddedGenesis.Load()).OfType<ValidatorsModule>().Single();

    [Fact]
    public void The_abi_functions_are_the_dispatch_signatures_and_views_match()
    {
        using var abi = JsonDocument.Parse(Module.AbiJson);
        var functions = abi.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "function")
            .Select(f => (Signature: Signature(f), IsView: f.GetProperty("stateMutability").GetString() == "view"))
            .ToList();

        Assert.Equal(functions.Select(f => f.Signature).Order(StringComparer.Ordinal), Module.Signatures.Order(StringComparer.Ordinal));
        Assert.All(functions, f => Assert.Equal(f.IsView, Module.FindFunction(f.Signature)!.IsView));
    }

    [Fact]
    public void The_abi_events_are_the_declared_events()
    {
        using var abi = JsonDocument.Parse(Module.AbiJson);
        var events = abi.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "event").Select(Signature);

        Assert.Equal(events.Order(StringComparer.Ordinal), Module.Events.Select(e => e.Signature).Order(StringComparer.Ordinal));
        Assert.All(Module.Events, e => Assert.Equal(AbiTopic.OfEvent(e.Signature), e.Topic0));
    }

    [Fact]
    public void The_module_sits_at_its_genesis_address()
    {
        Assert.Equal(EmbeddedGenesis.Load().Modules[ValidatorsModule.ModuleName], Module.Address);
    }

    private static string Signature(JsonElement member) =>
        $"{member.GetProperty("name").GetString()}({string.Join(",", member.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString()))})";
}
