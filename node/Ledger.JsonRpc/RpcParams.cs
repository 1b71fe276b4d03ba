using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;

namespace Ledger.JsonRpc;

/// <summary>The positional parameters of one request, with typed accessors that throw -32602 on violations.</summary>
public readonly struct RpcParams
{
    private readonly JsonElement _array;

    /// <param name="array">The "params" array, or default when the request had none.</param>
    public RpcParams(JsonElement array)
    {
        _array = array;
        Count = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;
    }

    public int Count { get; }

    public JsonElement this[int index] => _array[index];

    /// <summary>Checks the count as geth does: at most <paramref name="max"/>, and the first <paramref name="required"/> present and non-null.</summary>
    public void Expect(int required, int max)
    {
        if (Count > max)
        {
            throw JsonRpcException.InvalidParams(max == 0 ? "this method takes no arguments" : $"too many arguments, want at most {max}");
        }

        for (var i = 0; i < required; i++)
        {
            if (!IsPresent(i))
            {
                throw JsonRpcException.InvalidParams($"missing value for required argument {i}");
            }
        }
    }

    /// <summary>True when argument <paramref name="index"/> was given and is not null (optional arguments).</summary>
    public bool IsPresent(int index) => index < Count && _array[index].ValueKind != JsonValueKind.Null;

    public ulong Quantity(int index) => JsonParse.Quantity(this[index], new ArgPath(index));

    public byte[] Data(int index) => JsonParse.Data(this[index], new ArgPath(index));

    public Address Address(int index) => JsonParse.Address(this[index], new ArgPath(index));

    public Hash32 Hash(int index) => JsonParse.Hash(this[index], new ArgPath(index));

    public bool Bool(int index) => JsonParse.Bool(this[index], new ArgPath(index));

    /// <summary>An optional block argument (tag, number or EIP-1898 object), "latest" when absent.</summary>
    public BlockParameter Block(int index, bool allowHash = true) =>
        IsPresent(index) ? JsonParse.Block(this[index], new ArgPath(index), allowHash) : BlockParameter.Latest;
}
