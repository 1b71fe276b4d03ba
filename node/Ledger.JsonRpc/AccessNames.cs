using System.Text.Json;

namespace Ledger.JsonRpc;

/// <summary>
/// The name a JSON-RPC call is authorized as: the method name, except <c>eth_subscribe</c>, which is authorized per
/// kind (<c>eth_subscribe/newPendingTransactions</c> reveals others' pending payments; <c>eth_subscribe/newHeads</c> does not).
/// </summary>
public static class AccessNames
{
    public const string Subscribe = "eth_subscribe";

    private static readonly string[] Kinds = ["newHeads", "logs", "newPendingTransactions"];
    private static readonly string[] KindNames = [.. Kinds.Select(k => $"{Subscribe}/{k}")];

    /// <summary><paramref name="method"/>, qualified by the subscription kind for eth_subscribe (unknown kinds stay unqualified; the handler refuses them).</summary>
    public static string Of(string method, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!string.Equals(method, Subscribe, StringComparison.Ordinal)
            || parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0 || parameters[0].ValueKind != JsonValueKind.String)
        {
            return method;
        }

        for (var i = 0; i < Kinds.Length; i++)
        {
            if (parameters[0].ValueEquals(Kinds[i]))
            {
                return KindNames[i];
            }
        }

        return method;
    }
}
