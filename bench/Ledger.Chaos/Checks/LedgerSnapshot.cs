using System.Numerics;
using Ledger.Chaos.Workload;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Checks;

/// <summary>Reads, at one block of one node, what the audits compare: balances of tracked accounts and each token's supply figures.</summary>
public static class LedgerSnapshot
{
    private const int Page = 1_000;

    public static async Task<Dictionary<(Address Token, Address Account), BigInteger>> BalancesAsync(
        JsonRpcClient rpc, ulong block, IReadOnlyList<Address> tokens, IReadOnlyList<Address> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(accounts);
        var keys = tokens.SelectMany(t => accounts.Select(a => (Token: t, Account: a))).ToList();
        var result = new Dictionary<(Address, Address), BigInteger>();
        for (var start = 0; start < keys.Count; start += 100)
        {
            var slice = keys.Skip(start).Take(100).ToList();
            var answers = await rpc.BatchAsync(
                [.. slice.Select(k => Call(k.Token, new AbiWriter(1).WriteAddress(k.Account).ToCallData("balanceOf(address)"), block, from: null))],
                cancellationToken);
            for (var i = 0; i < slice.Count; i++)
            {
                result[slice[i]] = Word(answers[i], 0, $"balanceOf({slice[i].Account}) of {slice[i].Token} at block {block}");
            }
        }

        return result;
    }

    public static async Task<IReadOnlyList<TokenSupply>> SuppliesAsync(JsonRpcClient rpc, ulong block, IReadOnlyList<Address> tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var regulator = DevKeys.Address(ChaosChain.RegulatorDevKey);
        var supplies = new List<TokenSupply>();
        foreach (var token in tokens)
        {
            var info = await rpc.TryCallAsync("eth_call", [CallObject(token, new AbiWriter(0).ToCallData("supplyInfo()"), null), Hex.EncodeQuantity(block)], cancellationToken);
            var what = $"supplyInfo() of {token} at block {block}";
            var holders = Word(info, 5, what);
            var sum = BigInteger.Zero;
            for (BigInteger start = 0; start < holders; start += Page)
            {
                var page = await rpc.TryCallAsync(
                    "eth_call",
                    [CallObject(token, new AbiWriter(2).WriteUInt256(UInt256.FromBigInteger(start)).WriteUInt256(Page).ToCallData("balancesOf(uint256,uint256)"), regulator), Hex.EncodeQuantity(block)],
                    cancellationToken);
                sum += SumOfSecondArray(Bytes(page, $"balancesOf({start}) of {token} at block {block}"));
            }

            supplies.Add(new TokenSupply(token, Word(info, 0, what), Word(info, 1, what), Word(info, 2, what), Word(info, 3, what), holders, sum));
        }

        return supplies;
    }

    /// <summary>balancesOf returns (address[] accounts, uint256[] balances, uint256 total): sums the second array.</summary>
    internal static BigInteger SumOfSecondArray(byte[] data)
    {
        var offset = (int)UInt256.FromBigEndian(data.AsSpan(32, 32)).ToUInt64();
        var length = (int)UInt256.FromBigEndian(data.AsSpan(offset, 32)).ToUInt64();
        var sum = BigInteger.Zero;
        for (var i = 0; i < length; i++)
        {
            sum += UInt256.FromBigEndian(data.AsSpan(offset + 32 + (32 * i), 32)).ToBigInteger();
        }

        return sum;
    }

    private static JsonRpcCall Call(Address to, byte[] data, ulong block, Address? from) =>
        new("eth_call", CallObject(to, data, from), Hex.EncodeQuantity(block));

    private static Dictionary<string, string> CallObject(Address to, byte[] data, Address? from)
    {
        var call = new Dictionary<string, string> { ["to"] = to.ToString(), ["data"] = Hex.Encode(data) };
        if (from is { } sender)
        {
            call["from"] = sender.ToString();
        }

        return call;
    }

    private static byte[] Bytes(JsonRpcResponse answer, string what)
    {
        if (answer.Error is { } error)
        {
            throw new InvalidOperationException($"{what}: {error}");
        }

        return Hex.Decode(answer.Result.GetString() ?? throw new FormatException($"{what}: not a hex string"));
    }

    private static BigInteger Word(JsonRpcResponse answer, int index, string what)
    {
        var bytes = Bytes(answer, what);
        return bytes.Length >= 32 * (index + 1)
            ? UInt256.FromBigEndian(bytes.AsSpan(32 * index, 32)).ToBigInteger()
            : throw new FormatException($"{what}: {bytes.Length} bytes, no word {index}");
    }
}
