using Ledger.Core.Primitives;
using Ledger.Execution.Modules;
using Ledger.Execution.Tests.Support;

namespace Ledger.Execution.Tests;

public sealed class ModuleRegistryTests
{
    private static readonly Address A = Address.Parse("0x00000000000000000000000000000000000c0001");
    private static readonly Address B = Address.Parse("0x00000000000000000000000000000000000c0002");

    [Fact]
    public void Finds_modules_by_address_and_keeps_registration_order()
    {
        var a = new CounterModule(A, "A");
        var b = new CounterModule(B, "B");
        var registry = new ModuleRegistry([b, a]);

        Assert.Same(a, registry.Find(A));
        Assert.Null(registry.Find(Address.Parse("0x00000000000000000000000000000000000c0003")));
        Assert.Equal([b, a], registry.All);
    }

    [Fact]
    public void Two_modules_at_one_address_are_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModuleRegistry([new CounterModule(A, "First"), new CounterModule(A, "Second")]));

        Assert.Contains("First", error.Message);
        Assert.Contains("Second", error.Message);
    }

    [Fact]
    public void Two_modules_with_one_name_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModuleRegistry([new CounterModule(A, "Same"), new CounterModule(B, "Same")]));

        Assert.Contains("Same", error.Message);
    }

    [Fact]
    public void A_module_at_the_system_namespace_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ModuleRegistry([new CounterModule(Address.Zero, "Zero")]));
    }
}
