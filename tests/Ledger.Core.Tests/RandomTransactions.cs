using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

/// <summary>Builds random but valid unsigned transactions of every type for property-style tests.</summary>
internal static class RandomTransactions
{
    public static UnsignedTransaction Random(Random random, TxType type)
    {
        var data = new byte[random.Next(0, 3) switch { 0 => 0, 1 => 68, _ => random.Next(0, 600) }];
        random.NextBytes(data);
        var to = new byte[20];
        random.NextBytes(to);
        var accessList = type == TxType.Legacy || random.Next(2) == 0
            ? (IReadOnlyList<AccessListEntry>)[]
            : [new AccessListEntry(new Address(to), [RandomHash(random), RandomHash(random)])];
        return new UnsignedTransaction
        {
            Type = type,
            ChainId = random.Next(3) == 0 ? (ulong)random.NextInt64() : 4242,
            Nonce = random.Next(2) == 0 ? (ulong)random.Next(100) : (ulong)random.NextInt64(),
            GasPrice = RandomAmount(random),
            MaxPriorityFeePerGas = RandomAmount(random),
            MaxFeePerGas = RandomAmount(random),
            GasLimit = (ulong)random.Next(21000, 30_000_000),
            To = random.Next(20) == 0 ? null : new Address(to),
            Value = random.Next(4) == 0 ? RandomAmount(random) : UInt256.Zero,
            Data = data,
            AccessList = accessList,
        };
    }

    public static UInt256 RandomAmount(Random random) => random.Next(3) switch
    {
        0 => UInt256.Zero,
        1 => (ulong)random.NextInt64(),
        _ => new UInt256((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64()),
    };

    public static Hash32 RandomHash(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new Hash32(bytes);
    }
}
