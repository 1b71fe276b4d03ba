using Ledger.Core.Primitives;

namespace Ledger.Execution.Modules;

/// <summary>
/// The modules of a node, looked up by address in O(1). Built once at startup from the modules Ledger.Node
/// registers; <see cref="All"/> keeps registration order, which is the order genesis initialises them in.
/// </summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<Address, IModule> _byAddress = [];
    private readonly IModule[] _all;

    public ModuleRegistry(IEnumerable<IModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<IModule>();
        foreach (var module in modules)
        {
            if (module is null)
            {
                throw new ArgumentException("the module list contains null", nameof(modules));
            }

            if (module.Address.IsZero)
            {
                throw new ArgumentException($"module '{module.Name}' uses address 0x0, which is the system namespace (account nonces)", nameof(modules));
            }

            if (!_byAddress.TryAdd(module.Address, module))
            {
                throw new ArgumentException(
                    $"modules '{_byAddress[module.Address].Name}' and '{module.Name}' share the address {module.Address}", nameof(modules));
            }

            if (string.IsNullOrWhiteSpace(module.Name) || !names.Add(module.Name))
            {
                throw new ArgumentException($"module name '{module.Name}' is empty or used twice", nameof(modules));
            }

            all.Add(module);
        }

        _all = [.. all];
    }

    /// <summary>Every module in registration order.</summary>
    public IReadOnlyList<IModule> All => _all;

    public IModule? Find(Address address) => _byAddress.GetValueOrDefault(address);
}
