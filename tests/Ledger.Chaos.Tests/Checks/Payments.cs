using System.Numerics;
using Ledger.Chaos.Workload;
using Ledger.Core.Primitives;

namespace Ledger.Chaos.Tests.Checks;

/// <summary>Payments and their records for audit tests (no signature: the audits read only the bookkeeping).</summary>
internal static class Payments
{
    public static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");
    public static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000000a1");
    public static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b0");

    public static Payment Transfer(int id, BigInteger amount, int sender = 0, ulong nonce = 0) =>
        new(id, PaymentKind.Transfer, sender, nonce, [], $"0x{id:x64}", [new(Token, Alice, -amount), new(Token, Bob, amount)]);

    public static PaymentRecord Acked(int id, int node = 0, double atSeconds = 1)
    {
        var record = new PaymentRecord(Transfer(id, 10, nonce: (ulong)id));
        record.Acks.Add((node, TimeSpan.FromSeconds(atSeconds)));
        return record;
    }

    public static PaymentRecord Committed(this PaymentRecord record, ulong height, bool succeeded = true)
    {
        record.Height = height;
        record.CommittedAt = TimeSpan.FromSeconds(2);
        record.Succeeded = succeeded;
        return record;
    }
}
