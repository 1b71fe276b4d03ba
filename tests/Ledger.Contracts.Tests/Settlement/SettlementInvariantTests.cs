using CsCheck;
using Ledger.Contracts.Settlement;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Settlement.SettlementDriver;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>
/// Random interleavings of FX settlements (some expired or tampered), escrows and HTLCs — by the right parties and
/// by others, before and after deadlines — never change a token's supply, always keep the custody balance equal to
/// the open locks, and never leave funds without a way out: at the end every open lock can still be reclaimed or
/// refunded, after which custody is empty and every lock is in exactly one final state.
/// </summary>
public class SettlementInvariantTests
{
    private static readonly Address[] Tokens = [TestGenesis.Usda, TestGenesis.Eurb];
    private static readonly Hash32[] Preimages = [new(Enumerable.Repeat((byte)7, 32).ToArray()), new(Enumerable.Repeat((byte)9, 32).ToArray())];

    private static readonly Gen<Op> Operation = Gen.Select(Gen.Int[0, 8], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 1], Gen.ULong[1, 120_000], Gen.Int[0, 15])
        .Select((kind, a, b, token, amount, pick) => new Op(kind, a, b, token, amount, pick));

    [Fact]
    public void Random_interleavings_conserve_supply_and_leave_every_lock_a_way_out()
    {
        Operation.Array[1, 40].Sample(ops =>
        {
            using var run = new Run();
            foreach (var op in ops)
            {
                run.Apply(op);
                run.CheckInvariants();
            }

            run.CloseEverything();
            return true;
        }, iter: 12, seed: "5Vq9XnTt1K02");
    }

    [Fact]
    public void A_seeded_run_exercises_every_operation_with_successes()
    {
        var random = new Random(5);
        using var run = new Run();
        for (var i = 0; i < 240; i++)
        {
            run.Apply(new Op(i % 9, random.Next(6), random.Next(6), random.Next(2), (ulong)random.Next(1, 60_000), random.Next(16)));
            run.CheckInvariants();
        }

        Assert.All(Enumerable.Range(0, 9), kind => Assert.True(run.Succeeded.Contains(kind), $"operation kind {kind} never succeeded"));
        run.CloseEverything();
    }

    private sealed record Op(int Kind, int A, int B, int Token, ulong Amount, int Pick);

    private sealed class Run : IDisposable
    {
        private readonly SettlementDriver _s = new();
        private readonly Dictionary<Address, UInt256> _supply = [];
        private ulong _nonce = 1_000;

        public Run()
        {
            _s.PostRate(validFor: 86_400);
            _s.ApproveProvider();
            foreach (var token in Tokens)
            {
                _supply[token] = Ledger.UInt256View(token, "totalSupply()");
            }
        }

        public HashSet<int> Succeeded { get; } = [];

        private TestLedger Ledger => _s.Ledger;

        private ulong Escrows => Ledger.UInt256View(SettlementAddress, "escrowCount()").ToUInt64();

        private ulong Htlcs => Ledger.UInt256View(SettlementAddress, "htlcCount()").ToUInt64();

        public void Apply(Op op)
        {
            var token = Tokens[op.Token];
            var now = _s.NextBlockSeconds;
            var (signer, call) = op.Kind switch
            {
                0 => SettleCase(op),
                1 => (op.A, Calls.Encode("openEscrow(address,address,uint256,uint64,bytes32)", token, Dev(op.B), op.Amount, now + 30 + (ulong)op.Pick * 40, Hash32.Zero)),
                2 => (StaffFor(PickId(Escrows, op.A), op.Pick), Calls.Encode("approveEscrow(uint256)", PickId(Escrows, op.A))),
                3 => (StaffFor(PickId(Escrows, op.A), op.Pick), Calls.Encode("rejectEscrow(uint256,string)", PickId(Escrows, op.A), "screening")),
                4 => (op.A, Calls.Encode("reclaimEscrow(uint256)", PickId(Escrows, op.Pick + op.B))),
                5 => (op.A, Calls.Encode("lockHtlc(address,address,uint256,bytes32,uint64)", token, Dev(op.B), op.Amount,
                    SettlementModule.HashLockOf(Preimages[0].ToArray()), now + 30 + (ulong)op.Pick * 40)),
                6 => (op.A, Calls.Encode("claimHtlc(uint256,bytes32)", PickId(Htlcs, op.Pick + op.B), Preimages[op.Pick % 3 == 0 ? 1 : 0])),
                7 => (op.A, Calls.Encode("refundHtlc(uint256)", PickId(Htlcs, op.Pick + op.B))),
                _ => (-1, []),
            };
            if (signer < 0)
            {
                Ledger.AdvanceTime(TimeSpan.FromSeconds(op.Amount % 500));
                Succeeded.Add(op.Kind);
                return;
            }

            if (Ledger.Send(signer, SettlementAddress, call).Success)
            {
                Succeeded.Add(op.Kind);
            }
        }

        /// <summary>Supply per token unchanged; custody per token = the amounts of open escrows and locked HTLCs.</summary>
        public void CheckInvariants()
        {
            var locked = Tokens.ToDictionary(t => t, _ => UInt256.Zero);
            foreach (var (state, token, amount) in Locks())
            {
                if (state == 1)
                {
                    locked[token] += amount;
                }
            }

            foreach (var token in Tokens)
            {
                Assert.Equal(_supply[token], Ledger.UInt256View(token, "totalSupply()"));
                Assert.Equal(locked[token], Ledger.BalanceOf(token, SettlementAddress));
            }

            Assert.Empty(Ledger.ModuleFaults);
        }

        /// <summary>After every deadline, each open lock is reclaimed or refunded by its payer; then custody is empty.</summary>
        public void CloseEverything()
        {
            Ledger.AdvanceTime(TimeSpan.FromDays(1));
            for (ulong id = 1; id <= Escrows; id++)
            {
                var view = new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("getSettlement(uint256)", id)), "getSettlement");
                if (view.ReadUInt8("state") == (byte)EscrowState.Open)
                {
                    Ledger.Ok(KeyOf(view.ReadAddress("payer")), SettlementAddress, Calls.Encode("reclaimEscrow(uint256)", id));
                }
            }

            for (ulong id = 1; id <= Htlcs; id++)
            {
                var view = new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("getHtlc(uint256)", id)), "getHtlc");
                if (view.ReadUInt8("state") == (byte)HtlcState.Locked)
                {
                    Ledger.Ok(KeyOf(view.ReadAddress("sender")), SettlementAddress, Calls.Encode("refundHtlc(uint256)", id));
                }
            }

            CheckInvariants();
            Assert.All(Locks(), l => Assert.NotEqual(1, l.State));
            Assert.All(Tokens, t => Assert.Equal(UInt256.Zero, Ledger.BalanceOf(t, SettlementAddress)));
        }

        public void Dispose() => _s.Dispose();

        /// <summary>Every lock's state (1 = still open, for escrows and HTLCs alike), token and amount.</summary>
        private IEnumerable<(int State, Address Token, UInt256 Amount)> Locks()
        {
            for (ulong id = 1; id <= Escrows; id++)
            {
                var r = new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("getSettlement(uint256)", id)), "getSettlement");
                var state = r.ReadUInt8("state");
                r.ReadAddress("payer");
                r.ReadAddress("beneficiary");
                yield return (state, r.ReadAddress("token"), r.ReadUInt256("amount"));
            }

            for (ulong id = 1; id <= Htlcs; id++)
            {
                var r = new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("getHtlc(uint256)", id)), "getHtlc");
                var state = r.ReadUInt8("state");
                r.ReadAddress("sender");
                r.ReadAddress("recipient");
                yield return (state, r.ReadAddress("token"), r.ReadUInt256("amount"));
            }
        }

        /// <summary>A quote from a bank A customer to a bank B customer; some expired, some tampered, some too big.</summary>
        private (int Signer, byte[] Call) SettleCase(Op op)
        {
            var payer = op.A % 3 * 2;
            var beneficiary = (op.B % 3 * 2) + 1;
            var payAmount = new UInt256(op.Amount);
            var quote = _s.Quote() with
            {
                Payer = Dev(payer),
                Beneficiary = Dev(beneficiary),
                PayAmount = payAmount,
                ReceiveAmount = new UInt256(op.Amount * 92 / 100),
                Fee = new UInt256((ulong)op.Pick),
                Nonce = new UInt256(_nonce++),
                Expiry = op.Pick == 15 ? _s.NextBlockSeconds - 1 : _s.NextBlockSeconds + 600,
            };
            var signature = _s.Sign(quote);
            var submitted = op.Pick == 14 ? quote with { Fee = quote.Fee + UInt256.One } : quote;
            return (payer, SettleCall(submitted, signature));
        }

        /// <summary>Mostly the staff of the escrow's beneficiary's bank (operator or officer), sometimes the other bank's.</summary>
        private int StaffFor(ulong id, int pick)
        {
            var outcome = Ledger.Call(SettlementAddress, Calls.Encode("getSettlement(uint256)", id));
            var bank = 0;
            if (outcome.Success)
            {
                var r = new AbiReader(outcome.Output, "getSettlement");
                r.ReadUInt8("state");
                r.ReadAddress("payer");
                bank = KeyOf(r.ReadAddress("beneficiary")) % 2;
            }

            if (pick % 4 == 3)
            {
                bank = 1 - bank;
            }

            return pick % 2 == 0 ? bank : 15 + bank;
        }

        private static ulong PickId(ulong count, int pick) => count == 0 ? 1 : ((ulong)pick % count) + 1;

        private static int KeyOf(Address account) =>
            Enumerable.Range(0, 17).First(i => Dev(i) == account);
    }
}
