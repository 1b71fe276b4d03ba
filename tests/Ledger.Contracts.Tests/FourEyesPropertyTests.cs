using CsCheck;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// No single key moves a customer's money. Random blocks of operations by every kind of actor — the customer
/// (dev 2, bank A), its USDA guardian (dev 21), the officers of bank A (dev 0 operator, dev 15) and bank B (dev 1,
/// dev 16), the regulator (dev 14), a stranger (dev 7) and two other customers — over every powerful path: the
/// four-eyes requests, approvals (by the maker again, by another bank), executions, cancels, vetoes, the old
/// single-step calls, and time passing beyond the recovery delay and the request lifetime. Property, judged from
/// the receipts against the test's own record (who signed what, when): every token leaving the customer's key
/// left in a transaction the customer signed, or in the approval/execution of a request that two DISTINCT
/// officers of the bank whose power it is made and approved (the issuing bank for a token's forced transfer or
/// burn, the customer's bank for a recovery) and, for a recovery, after the delay and without a veto. Every
/// balance change is logged, and supply = Σ balances = minted − burned − redeemed on both tokens.
/// </summary>
public class FourEyesPropertyTests
{
    private const int Customer = 2;
    private const int Guardian = 21;
    private const int Fresh = 30;
    private static readonly Address[] Tokens = [TestGenesis.Usda, TestGenesis.Eurb];
    private static readonly int[] Actors = [Customer, Guardian, 0, 15, 1, 16, 14, 7, 3, 4];
    private static readonly int[][] StaffOf = [[0, 15], [1, 16]];
    private static readonly Hash32 TransferTopic = Erc20Events.Transfer.Topic0;
    private static readonly Hash32 CreatedTopic = AbiTopic.OfEvent("RequestCreated(uint256,uint8,string,address,address,uint64)");
    private static readonly Hash32 ApprovedTopic = AbiTopic.OfEvent("RequestApproved(uint256,address,uint64)");
    private static readonly Hash32 ExecutedTopic = AbiTopic.OfEvent("RequestExecuted(uint256,address)");
    private static readonly Hash32 VetoedTopic = AbiTopic.OfEvent("RequestVetoed(uint256,address)");

    // Officers act more often than the others, so requests meet their second officer often enough to matter.
    private static readonly Gen<int> Actor = Gen.Frequency((3, Gen.Int[2, 5]), (2, Gen.Int[0, Actors.Length - 1]));

    private static readonly Gen<FourEyesOp> Op = Gen.Select(Gen.Int[0, 15], Actor, Gen.Int[0, 1], Gen.Int[1, 4], Gen.ULong[1, 40_000])
        .Select((kind, actor, token, id, amount) => new FourEyesOp(kind, actor, token, id, amount));

    private static readonly Gen<FourEyesBlock> Block = Gen.Select(Gen.Int[0, 4], Op.Array[1, 5]).Select((wait, ops) => new FourEyesBlock(wait, ops));

    [Fact]
    public void No_single_key_moves_a_customer_s_funds_and_supply_stays_whole()
    {
        Block.Array[1, 7].Sample(
            blocks =>
            {
                using var run = new FourEyesRun();
                foreach (var block in blocks)
                {
                    run.Apply(block);
                }
            },
            iter: 1_000,
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_seeded_run_takes_every_path_both_ways()
    {
        // Each powerful path once by the book (maker dev 0 or 15, the other approves; the recovery waits 49 h and
        // is executed), then random blocks: the judge accepts the legitimate moves and the property is not vacuous.
        var executed = new HashSet<int>();
        var (vetoes, refusals) = (0, 0);
        var random = new Random(13);
        FourEyesBlock[] vetoed = [new(0, [new(4, 2, 0, 1, 1), new(6, 3, 0, 1, 1), new(9, 0, 0, 1, 1)]), new(3, [new(7, 2, 0, 2, 1)])];
        foreach (var script in new[] { Script(5, 2, 3), Script(2, 2, 3), Script(3, 3, 2), vetoed, Script(4, 3, 2) })
        {
            using var run = new FourEyesRun();
            foreach (var block in script)
            {
                run.Apply(block);
            }

            for (var i = 0; i < 80; i++)
            {
                var ops = Enumerable.Range(0, 4)
                    .Select(_ => new FourEyesOp(random.Next(16), random.Next(5) < 3 ? random.Next(2, 6) : random.Next(Actors.Length), random.Next(2), random.Next(1, 5), (ulong)random.Next(1, 40_000)))
                    .ToArray();
                run.Apply(new FourEyesBlock(random.Next(5), ops));
            }

            executed.UnionWith(run.ExecutedKinds);
            (vetoes, refusals) = (vetoes + run.Vetoes, refusals + run.Refusals);
        }

        Assert.True(executed.SetEquals([2, 3, 4, 5]), $"executed request kinds: {string.Join(",", executed)}");
        Assert.True(vetoes > 0 && refusals > 100, $"{vetoes} vetoes, {refusals} refusals");
    }

    /// <summary>Request kind <paramref name="kind"/> by actor <paramref name="maker"/>, approved by actor <paramref name="checker"/> in the same block (and for a recovery, executed 49 h later).</summary>
    private static FourEyesBlock[] Script(int kind, int maker, int checker)
    {
        FourEyesBlock[] blocks = [new(0, [new(kind, maker, 0, 1, 12_345), new(6, checker, 0, 1, 1)])];
        return kind == 4 ? [.. blocks, new(3, [new(7, maker, 0, 2, 1)])] : blocks;
    }

    public sealed record FourEyesOp(int Kind, int Actor, int Token, int Id, ulong Amount);

    public sealed record FourEyesBlock(int Wait, FourEyesOp[] Ops);

    private sealed record Made(int Kind, int Token, int Maker)
    {
        public int Checker { get; set; } = -1;

        public ulong ApprovedAt { get; set; }

        public bool Vetoed { get; set; }
    }

    private sealed class FourEyesRun : IDisposable
    {
        private static readonly TimeSpan[] Waits = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(25), TimeSpan.FromHours(49), TimeSpan.FromDays(8)];

        private readonly TestLedger _ledger = new();
        private readonly Dictionary<ulong, Made> _requests = [];
        private readonly Address[] _holders;
        private int _references;

        public FourEyesRun()
        {
            _ledger.Ok(Customer, TestGenesis.Usda, Calls.Encode("setGuardian(address,uint256)", Dev(Guardian), 20_000));
            _holders = [.. Actors.Append(5).Append(Fresh).Select(Dev), TestGenesis.Settlement, TestGenesis.Merchant, .. Tokens];
        }

        public HashSet<int> ExecutedKinds { get; } = [];

        public int Vetoes { get; private set; }

        public int Refusals { get; private set; }

        public void Apply(FourEyesBlock block)
        {
            _ledger.AdvanceTime(Waits[block.Wait]);
            var calls = block.Ops.Select(Build).ToArray();
            var before = Tokens.Select(t => _holders.ToDictionary(h => h, h => _ledger.BalanceOf(t, h))).ToArray();
            var receipts = _ledger.SendBlock([.. calls.Select(c => (c.Signer, c.To, c.Data, 2_000_000UL))]);
            var now = _ledger.TimestampMs / 1000;
            var expected = before.Select(d => new Dictionary<Address, UInt256>(d)).ToArray();
            for (var i = 0; i < receipts.Count; i++)
            {
                if (!receipts[i].Success)
                {
                    Refusals++;
                    continue;
                }

                Judge(block.Ops[i], calls[i].Signer, receipts[i], now, expected);
            }

            for (var t = 0; t < Tokens.Length; t++)
            {
                // Every balance change was logged: the Transfer logs account for every holder's new balance.
                foreach (var holder in _holders)
                {
                    Assert.Equal(expected[t][holder], _ledger.BalanceOf(Tokens[t], holder));
                }

                var info = new AbiReader(_ledger.View(Tokens[t], Calls.Encode("supplyInfo()")), "supplyInfo");
                var (supply, minted, burned, redeemed) = (info.ReadUInt256("supply"), info.ReadUInt256("minted"), info.ReadUInt256("burned"), info.ReadUInt256("redeemed"));
                Assert.Equal(supply, minted - burned - redeemed);
                Assert.Equal(supply, _holders.Aggregate(UInt256.Zero, (sum, h) => sum + expected[t][h]));
            }

            Assert.Empty(_ledger.ModuleFaults);
        }

        private void Judge(FourEyesOp op, int signer, Receipt receipt, ulong now, Dictionary<Address, UInt256>[] balances)
        {
            foreach (var log in receipt.Logs.Where(l => l.Address == TestGenesis.Compliance && (l.Topics[0] == CreatedTopic || l.Topics[0] == ApprovedTopic || l.Topics[0] == VetoedTopic)))
            {
                var id = UInt256.FromBigEndian(log.Topics[1].ToArray()).ToUInt64();
                if (log.Topics[0] == CreatedTopic)
                {
                    _requests[id] = new Made(op.Kind, op.Token, signer);
                }
                else if (log.Topics[0] == ApprovedTopic)
                {
                    (_requests[id].Checker, _requests[id].ApprovedAt) = (signer, now);
                }
                else if (log.Topics[0] == VetoedTopic)
                {
                    Assert.True(signer is Customer or Guardian, $"dev {signer} vetoed request {id}");
                    _requests[id].Vetoed = true;
                    Vetoes++;
                }
            }

            var executed = receipt.Logs.Where(l => l.Topics[0] == ExecutedTopic).Select(l => UInt256.FromBigEndian(l.Topics[1].ToArray()).ToUInt64()).ToArray();
            foreach (var log in receipt.Logs.Where(l => l.Topics[0] == TransferTopic))
            {
                var t = Array.IndexOf(Tokens, log.Address);
                var from = AbiTopic.ToAddress(log.Topics[1]);
                var to = AbiTopic.ToAddress(log.Topics[2]);
                var amount = UInt256.FromBigEndian(log.Data);
                if (!from.IsZero)
                {
                    balances[t][from] -= amount;
                }

                if (!to.IsZero)
                {
                    balances[t][to] += amount;
                }

                if ((from == Dev(Customer) || from == Dev(Fresh)) && from != Dev(signer))
                {
                    var id = Assert.Single(executed);
                    Justified(_requests[id], id, t, now, $"{amount} of token {t} left {from} in a transaction signed by dev {signer}");
                }
            }

            foreach (var id in executed)
            {
                ExecutedKinds.Add(_requests[id].Kind);
            }
        }

        /// <summary>The request was made and approved by two different officers of the right bank (and a recovery waited, unvetoed).</summary>
        private static void Justified(Made request, ulong id, int token, ulong now, string what)
        {
            var bank = request.Kind == 4 ? 0 : token; // the customer is bank A's; token t is issued by bank t
            Assert.True(StaffOf[bank].Contains(request.Maker), $"{what}: request {id} was made by dev {request.Maker}, not an officer of bank {bank}");
            Assert.True(StaffOf[bank].Contains(request.Checker), $"{what}: request {id} was approved by dev {request.Checker}, not an officer of bank {bank}");
            Assert.True(request.Maker != request.Checker, $"{what}: request {id} was made and approved by the same dev {request.Maker}");
            if (request.Kind == 4)
            {
                Assert.False(request.Vetoed, $"{what}: recovery {id} had been vetoed");
                Assert.True(now >= request.ApprovedAt + FourEyesSteps.Defaults.RecoveryDelaySeconds, $"{what}: recovery {id} ran {now - request.ApprovedAt}s after approval");
            }
        }

        private (int Signer, Address To, byte[] Data) Build(FourEyesOp op)
        {
            var signer = Actors[op.Actor];
            var token = Tokens[op.Token];
            var customer = Dev(Customer);
            var other = Dev(op.Id % 2 == 0 ? 4 : 3);
            var reference = Calls.Reference($"ref-{_references++}");
            var compliance = TestGenesis.Compliance;
            return op.Kind switch
            {
                0 => (Customer, token, Calls.Transfer(other, op.Amount)),
                1 => (Guardian, TestGenesis.Usda, Calls.Encode("approveHeldTransfer(uint256)", op.Id % 3)),
                2 => (signer, compliance, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", token, customer, other, op.Amount, reference)),
                3 => (signer, compliance, Calls.Encode("requestBurn(address,address,uint256,bytes32)", token, customer, op.Amount, reference)),
                4 => (signer, compliance, Calls.Encode("requestRecovery(address,address)", customer, Dev(Fresh))),
                5 => (signer, compliance, Calls.Encode("requestMint(address,address,uint256,bytes32)", token, customer, op.Amount, reference)),
                9 => (op.Actor % 3 == 0 ? Customer : op.Actor % 3 == 1 ? Guardian : signer, compliance, Calls.Encode(RequestCall(op.Kind), RecentId(op.Id))),
                6 or 7 or 8 => (signer, compliance, Calls.Encode(RequestCall(op.Kind), RecentId(op.Id))),
                10 => (signer, token, Calls.Encode("forcedTransfer(address,address,uint256,bytes32)", customer, other, op.Amount, reference)),
                11 => (signer, token, Calls.Burn(customer, op.Amount)),
                12 => (signer, TestGenesis.Registry, Calls.Encode("recoverAccount(address,address)", customer, Dev(Fresh))),
                13 => (signer, token, Calls.Mint(customer, op.Amount)),
                14 => (Fresh, token, Calls.Transfer(other, op.Amount)),
                _ => (op.Id % 2 == 0 ? 4 : 3, token, Calls.Transfer(customer, op.Amount)),
            };
        }

        private static string RequestCall(int kind) => kind switch
        {
            6 => "approveRequest(uint256)",
            7 => "executeRequest(uint256)",
            8 => "cancelRequest(uint256)",
            _ => "vetoRequest(uint256)",
        };

        /// <summary>One of the latest requests (ids may run one past the last, which reverts).</summary>
        private ulong RecentId(int pick) => (ulong)Math.Max(1, _requests.Count + 2 - pick);

        public void Dispose() => _ledger.Dispose();

        private static Address Dev(int i) => DevKeys.Address(i);
    }
}
