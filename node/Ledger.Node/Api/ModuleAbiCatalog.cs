using System.Text.Json;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Node.Api;

/// <summary>
/// The modules' ABIs read once for history: function names by 4-byte selector and, per event topic, the indexed
/// parameters that identify what the event is about (an invoice id, an escrow id, a quote hash, a reference).
/// </summary>
/// <remarks>
/// This file and <see cref="TransferOrigin"/> are compiled into the wallet as well (linked from its project), so
/// the node's gRPC history and the wallet's JSON-RPC history name the same module, function and reference.
/// It therefore depends on Ledger.Core and System.Text.Json only.
/// </remarks>
internal sealed class ModuleAbiCatalog
{
    private readonly Dictionary<Address, ModuleAbi> _modules = [];

    /// <summary>Reads each module's ABI JSON; a module whose ABI cannot be read is known by name only.</summary>
    public ModuleAbiCatalog(IEnumerable<(string Name, Address Address, string AbiJson)> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, address, abiJson) in modules)
        {
            _modules[address] = Read(name, abiJson);
        }
    }

    /// <summary>The module at <paramref name="address"/>, or null when the address is not a module.</summary>
    public ModuleAbi? Find(Address address) => _modules.GetValueOrDefault(address);

    private static ModuleAbi Read(string name, string abiJson)
    {
        var functions = new Dictionary<uint, string>();
        var events = new Dictionary<Hash32, IReadOnlyList<IndexedInput>>();
        try
        {
            using var document = JsonDocument.Parse(abiJson);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new ModuleAbi(name, functions, events);
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                var kind = Text(item, "type");
                var itemName = Text(item, "name");
                if (itemName.Length == 0 || !item.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var signature = $"{itemName}({string.Join(',', inputs.EnumerateArray().Select(CanonicalType))})";
                if (kind == "function")
                {
                    functions.TryAdd(AbiSelector.Of(signature), itemName);
                }
                else if (kind == "event")
                {
                    events.TryAdd(AbiTopic.OfEvent(signature), Indexed(inputs));
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable ABI only costs the function names; history still lists the transfer.
        }

        return new ModuleAbi(name, functions, events);
    }

    /// <summary>Indexed inputs with their topic position (1 for the first indexed one).</summary>
    private static List<IndexedInput> Indexed(JsonElement inputs)
    {
        var indexed = new List<IndexedInput>();
        foreach (var input in inputs.EnumerateArray())
        {
            if (input.TryGetProperty("indexed", out var flag) && flag.ValueKind == JsonValueKind.True)
            {
                indexed.Add(new IndexedInput(Text(input, "name"), CanonicalType(input), indexed.Count + 1));
            }
        }

        return indexed;
    }

    /// <summary>The canonical type a signature hashes: tuples spelled out as "(t1,t2)" with their array suffix.</summary>
    private static string CanonicalType(JsonElement input)
    {
        var type = Text(input, "type");
        if (!type.StartsWith("tuple", StringComparison.Ordinal) || !input.TryGetProperty("components", out var components))
        {
            return type;
        }

        return $"({string.Join(',', components.EnumerateArray().Select(CanonicalType))}){type["tuple".Length..]}";
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}

/// <summary>One module's name, its functions by selector and its events' indexed inputs by topic.</summary>
internal sealed record ModuleAbi(string Name, IReadOnlyDictionary<uint, string> Functions, IReadOnlyDictionary<Hash32, IReadOnlyList<IndexedInput>> Events);

/// <summary>An indexed event input: its name, canonical type and topic position.</summary>
internal sealed record IndexedInput(string Name, string Type, int Topic);
