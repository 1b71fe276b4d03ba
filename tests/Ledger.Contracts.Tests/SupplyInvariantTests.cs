using System.Numerics;
using CsCheck;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// DESIGN.md's ledger invariant, checked after every block of random operations (transfers, approvals,
/// transferFroms, mints and burns by issuers and by impostors, amounts from dust to 2^256−1, registered and
/// unregistered accounts): for every token, sum of balances == totalSupply == totalMinted − totalBurned.
/// </summary>
public class SupplyInvariantTests
{
    private const int Accounts = 9; // 0–5 registered, 6–8 not

    private static readonly Address[] Tokens = [TestGenesis.Usda, TestGenesis.Eurb];

    private static readonly Gen<UInt256> Amount = Gen.Frequency(
        (6, Gen.ULong[0, 120_000].Select(v => (UInt256)v)),
        (1, Gen.Const(UInt256.MaxValue)),
        (1, Gen.ULong.Select(v => new UInt256(v, v, v, v >> 1))));

    private static readonly Gen<Op> Operation = Gen.Select(
        Gen.Int[0, 4], Gen.Int[0, Accounts - 1], Gen.Int[0, Accounts - 1], Gen.Int[0, Accounts - 1], Gen.Int[0, 1], Amount)
        .Select((kind, a, b, c, token, amount) => new Op(kind, a, b, c, token, amount));

    [Fact]
    public void Sum_of_balances_equals_minted_minus_burned_after_random_operations()
    {
        Operation.Array[1, 60].Sample(ops =>
        {
            using var ledger = new TestLedger();
            foreach (var chunk in ops.Chunk(12))
            {
                ledger.SendBlock([.. chunk.Select(ToCall)]);
                AssertInvariant(ledger);
            }

            Assert.Empty(ledger.ModuleFaults);
            return true;
        }, iter: 40, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_seeded_run_exercises_both_successes_and_reverts()
    {
        var random = new Random(7);
        using var ledger = new TestLedger();
        var outcomes = new List<bool>();
        for (var block = 0; block < 15; block++)
        {
            var calls = Enumerable.Range(0, 10)
                .Select(_ => ToCall(new Op(random.Next(5), random.Next(Accounts), random.Next(Accounts), random.Next(Accounts), random.Next(2), (ulong)random.Next(0, 150_000))))
                .ToArray();
            outcomes.AddRange(ledger.SendBlock(calls).Select(r => r.Success));
            AssertInvariant(ledger);
        }

        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
    }

    private static (int, Address, byte[], ulong) ToCall(Op op)
    {
        var token = Tokens[op.Token];
        var issuer = op.Token; // USDA is bank A's (dev 0), EURB bank B's (dev 1)
        var data = op.Kind switch
        {
            0 => Calls.Transfer(DevKeys.Address(op.B), op.Amount),
            1 => Calls.Approve(DevKeys.Address(op.B), op.Amount),
            2 => Calls.TransferFrom(DevKeys.Address(op.B), DevKeys.Address(op.C), op.Amount),
            3 => Calls.Mint(DevKeys.Address(op.B), op.Amount),
            _ => Calls.Burn(DevKeys.Address(op.B), op.Amount),
        };

        // Half of the mints/burns come from the real issuer so supply actually moves.
        var signer = op.Kind >= 3 && op.A % 2 == 0 ? issuer : op.A;
        return (signer, token, data, 1_000_000);
    }

    private static void AssertInvariant(TestLedger ledger)
    {
        foreach (var token in Tokens)
        {
            var sum = BigInteger.Zero;
            for (var i = 0; i < Accounts; i++)
            {
                sum += ledger.BalanceOf(token, DevKeys.Address(i)).ToBigInteger();
            }

            var supply = ledger.UInt256View(token, "totalSupply()").ToBigInteger();
            var minted = ledger.UInt256View(token, "totalMinted()").ToBigInteger();
            var burned = ledger.UInt256View(token, "totalBurned()").ToBigInteger();
            Assert.Equal(supply, sum);
            Assert.Equal(minted - burned, sum);
        }
    }

    public sealed record Op(int Kind, int A, int B, int C, int Token, UInt256 Amount);
}
