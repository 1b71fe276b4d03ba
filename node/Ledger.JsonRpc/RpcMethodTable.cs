using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Ledger.JsonRpc;

/// <summary>
/// Maps wire names to handlers. A module's public methods whose names contain '_' (eth_call, net_version …)
/// are its JSON-RPC methods, so the name in code is the name on the wire. Reflection runs once, at startup;
/// dispatch is a frozen-dictionary lookup.
/// </summary>
public static class RpcMethodTable
{
    public static FrozenDictionary<string, RpcHandler> Build(params object[] modules)
    {
        var table = new Dictionary<string, RpcHandler>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            foreach (var method in module.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!method.Name.Contains('_', StringComparison.Ordinal))
                {
                    continue;
                }

                var parameters = method.GetParameters();
                if (method.ReturnType != typeof(JsonRpcError) || parameters.Length != 2
                    || parameters[0].ParameterType != typeof(RpcParams) || parameters[1].ParameterType != typeof(Utf8JsonWriter))
                {
                    throw new InvalidOperationException($"{module.GetType().Name}.{method.Name} does not have the RpcHandler signature");
                }

                if (!table.TryAdd(method.Name, method.CreateDelegate<RpcHandler>(module)))
                {
                    throw new InvalidOperationException($"JSON-RPC method {method.Name} is defined twice");
                }
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
