using System.Numerics;
using CsCheck;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// Random sequences of mints, transfers, approvals, transferFroms, freezes, partial freezes, limits, recoveries,
/// registrations, redemptions and the passing of days — by the right roles and by impostors — never break:
/// sum of balances = totalSupply = minted − burned − redeemed; no frozen amount moves; no per-transaction, daily
/// or maximum-balance limit is exceeded; no unregistered account holds a balance. One operation per block, so
/// each receipt is judged against the state just before it.
/// </summary>
public class ComplianceInvariantTests
{
    private static readonly Address[] Tokens = [TestGenesis.Usda, TestGenesis.Eurb];
    private static readonly Address Compliance = TestGenesis.Compliance;
    private static readonly Hash32 TransferTopic = Erc20Events.Transfer.Topic0;

    private static readonly Gen<UInt256> Amount = Gen.Frequency(
        (8, Gen.ULong[0, 60_000].Select(v => (UInt256)v)),
        (2, Gen.ULong[60_000, 250_000].Select(v => (UInt256)v)),
        (1, Gen.Const(UInt256.MaxValue)));

    private static readonly Gen<Op> Operation = Gen.Select(Gen.Int[0, 13], Gen.Int[0, 63], Gen.Int[0, 63], Gen.Int[0, 63], Gen.Int[0, 1], Amount, Gen.Bool)
        .Select((kind, a, b, c, token, amount, byRole) => new Op(kind, a, b, c, token, amount, byRole));

    [Fact]
    public void Random_operations_never_break_the_ledger_and_compliance_invariants()
    {
        Operation.Array[1, 45].Sample(ops =>
        {
            var run = new Run();
            foreach (var op in ops)
            {
                run.Apply(op);
            }

            run.Dispose();
            return true;
        }, iter: 30, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_seeded_run_exercises_every_kind_of_operation_with_successes_and_refusals()
    {
        var random = new Random(11);
        var run = new Run();
        for (var i = 0; i < 400; i++)
        {
            run.Apply(new Op(i % 14, random.Next(64), random.Next(64), random.Next(64), random.Next(2), (ulong)random.Next(0, 120_000), random.Next(4) != 0));
        }

        Assert.All(Enumerable.Range(0, 12), kind => Assert.True(run.Succeeded.Contains(kind), $"operation kind {kind} never succeeded"));
        Assert.True(run.Refused > 20, $"only {run.Refused} refusals");
        run.Dispose();
    }

    public sealed record Op(int Kind, int A, int B, int C, int Token, UInt256 Amount, bool ByRole);

    /// <summary>One chain plus the test's own record of who is registered and what was sent per day.</summary>
    private sealed class Run : IDisposable
    {
        // Recoveries and burns by the right roles go through four-eyes: a request, then the other officer's approval
        // (which carries them out: no recovery delay here; the delay has its own tests in FourEyesTests).
        private readonly TestLedger _ledger = new(TestGenesis.Create() with
        {
            Compliance = TestGenesis.Create().Compliance with { FourEyes = new Ledger.Core.Genesis.FourEyesConfig { RecoveryDelaySeconds = 0 } },
        });

        private readonly List<int> _accounts = [.. Enumerable.Range(0, 10)];
        private readonly HashSet<Address> _registered = [.. Enumerable.Range(0, TestGenesis.RegisteredCustomers).Select(DevKeys.Address)];
        private readonly Dictionary<(Address Token, Address Account, ulong Day), BigInteger> _spent = [];
        private int _nextFresh = 30;
        private int _references;
        private bool _tracksDaily;

        public HashSet<int> Succeeded { get; } = [];

        public int Refused { get; private set; }

        public void Apply(Op op)
        {
            if (op.Kind == 13)
            {
                _ledger.AdvanceTime(TimeSpan.FromHours(9));
                return;
            }

            var token = Tokens[op.Kind == 2 && op.ByRole && _lastApproval is var (_, _, approved) ? approved : op.Token];
            var a = Pick(op.A);
            var b = Pick(op.B);
            var c = Pick(op.C);
            var (signer, data, to) = Build(op, token, a, b, c);
            int[] keys = _lastApproval is var (owner, spender, _) ? [signer, a, b, c, owner, spender] : [signer, a, b, c];
            var involved = keys.Select(DevKeys.Address).ToArray();
            var before = involved.Distinct().ToDictionary(x => x, x => Snapshot(token, x));

            var receipt = _ledger.Send(signer, to, data);
            if (receipt.Success && to == Compliance && op.Kind is 10 or 12)
            {
                var id = _ledger.UInt256View(Compliance, "requestCount()");
                receipt = _ledger.Send(FourEyesSteps.OtherOfficer(signer), Compliance, Calls.Encode("approveRequest(uint256)", id));
            }

            if (receipt.Success)
            {
                Succeeded.Add(op.Kind);
                Learn(op, token, DevKeys.Address(b), data);
                Judge(op, token, receipt, before);
            }
            else
            {
                Refused++;
            }

            CheckSupplyAndRegistration();
            Assert.Empty(_ledger.ModuleFaults);
        }

        public void Dispose() => _ledger.Dispose();

        private int Pick(int n) => _accounts[n % _accounts.Count];

        private (int Signer, byte[] Data, Address To) Build(Op op, Address token, int a, int b, int c)
        {
            var issuer = op.Token; // dev 0 issues USDA, dev 1 EURB
            var bankStaff = b % 2 == 0 ? 15 : 16; // works for dev accounts and recovered keys alike: keys keep their bank's parity below
            var reference = Calls.Reference($"ref-{_references++}");
            var amount = op.Amount;
            var account = DevKeys.Address(b);
            return op.Kind switch
            {
                0 => (a, Calls.Transfer(account, amount), token),
                1 => (a, Calls.Approve(account, amount), token),
                2 when op.ByRole && _lastApproval is var (owner, spender, _) => (spender, Calls.TransferFrom(DevKeys.Address(owner), DevKeys.Address(c), Small(amount)), token),
                2 => (a, Calls.TransferFrom(account, DevKeys.Address(c), amount), token),
                3 => (op.ByRole ? issuer : a, Calls.Encode("mint(address,uint256,bytes32)", account, amount, reference), token),
                4 => (a, Calls.Encode("redeem(uint256,bytes32)", amount, reference), token),
                5 => (op.ByRole ? (op.A % 2 == 0 ? 14 : BankStaff(b)) : a, Calls.Encode("freezeAccount(address,string)", account, "case"), Compliance),
                6 => (op.ByRole ? 14 : a, Calls.Encode("unfreezeAccount(address)", account), Compliance),
                7 => (op.ByRole ? issuer : a, Calls.Encode("freezePartialTokens(address,uint256)", account, Small(amount)), token),
                8 => (op.ByRole ? issuer : a, Calls.Encode("unfreezePartialTokens(address,uint256)", account, Small(amount)), token),
                9 => (op.ByRole ? 14 : a, Limits(token, account, op), Compliance),
                10 when op.ByRole => (BankStaff(b), Calls.Encode("requestRecovery(address,address)", account, DevKeys.Address(_nextFresh)), Compliance),
                10 => (a, Calls.Encode("recoverAccount(address,address)", account, DevKeys.Address(_nextFresh)), TestGenesis.Registry),
                11 => (op.ByRole ? b % 2 : a, Calls.RegisterIdentity(account, b % 2 == 0 ? "US" : "DE", 2, TestGenesis.IdentityExpiry), TestGenesis.Registry),
                _ when op.ByRole => (issuer, Calls.Encode("requestBurn(address,address,uint256,bytes32)", token, account, Small(amount), reference), Compliance),
                _ => (a, Calls.Encode("burn(address,uint256,bytes32)", account, Small(amount), reference), token),
            };

            int BankStaff(int key) => _bankOf.TryGetValue(key, out var bank) ? 15 + bank : bankStaff;
        }

        private (int Owner, int Spender, int Token)? _lastApproval;

        private readonly Dictionary<int, int> _bankOf = Enumerable.Range(0, 10).ToDictionary(i => i, i => i % 2);

        private static UInt256 Small(UInt256 amount) => amount.FitsInUInt64 ? amount.ToUInt64() % 40_000 : 1;

        private static byte[] Limits(Address token, Address account, Op op)
        {
            // Small limits so they bind; zero fields mean "none".
            var seed = op.C;
            UInt256 perTx = seed % 3 == 0 ? 0UL : (ulong)(5_000 + (seed * 500));
            UInt256 daily = seed % 4 == 0 ? 0UL : (ulong)(40_000 + (seed * 1_000));
            UInt256 max = seed % 5 == 0 ? 0UL : (ulong)(110_000 + (seed * 2_000));
            return Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", token, account, perTx, daily, max);
        }

        /// <summary>Updates the test's own record after a successful operation.</summary>
        private void Learn(Op op, Address token, Address b, byte[] data)
        {
            switch (op.Kind)
            {
                case 1:
                    _lastApproval = (Pick(op.A), Pick(op.B), op.Token);
                    break;
                case 9:
                    _tracksDaily |= !new AbiReader(data.AsSpan(4 + 96), "daily").ReadUInt256("daily").IsZero;
                    break;
                case 10:
                    var fresh = _nextFresh++;
                    _registered.Add(DevKeys.Address(fresh));
                    _accounts.Add(fresh);
                    _bankOf[fresh] = _bankOf[_accounts.First(i => DevKeys.Address(i) == b)];
                    foreach (var key in _spent.Keys.Where(k => k.Account == b).ToArray())
                    {
                        _spent[(key.Token, DevKeys.Address(fresh), key.Day)] = _spent[key];
                    }

                    break;
                case 11:
                    _registered.Add(b);
                    break;
            }

            _ = token;
        }

        /// <summary>Judges every token movement of a successful receipt against the state just before it.</summary>
        private void Judge(Op op, Address token, Receipt receipt, Dictionary<Address, State> before)
        {
            if (op.Kind is 10 or 12)
            {
                return; // recovery and burns are enforcement: they move frozen funds by design
            }

            var day = TokenStorageDay();
            foreach (var log in receipt.Logs.Where(l => l.Topics[0] == TransferTopic && l.Address == token))
            {
                var from = AbiTopic.ToAddress(log.Topics[1]);
                var to = AbiTopic.ToAddress(log.Topics[2]);
                var amount = UInt256.FromBigEndian(log.Data);
                if (!from.IsZero)
                {
                    var sender = before[from];
                    Assert.False(sender.Frozen, $"frozen {from} sent {amount}");
                    Assert.True(_ledger.BalanceOf(token, from) >= sender.Locked, $"{from} moved part of its frozen {sender.Locked}");
                    if (!to.IsZero)
                    {
                        Assert.False(before[to].Frozen, $"frozen {to} received {amount}");
                        Assert.True(sender.PerTransaction.IsZero || amount <= sender.PerTransaction, $"{amount} above the per-transaction limit {sender.PerTransaction}");
                        if (_tracksDaily)
                        {
                            var spent = _spent.GetValueOrDefault((token, from, day)) + amount.ToBigInteger();
                            _spent[(token, from, day)] = spent;
                            Assert.True(sender.Daily.IsZero || spent <= sender.Daily.ToBigInteger(), $"{from} sent {spent} today, above the daily limit {sender.Daily}");
                        }
                    }
                }

                if (!to.IsZero && to != from)
                {
                    var max = before[to].MaxBalance;
                    Assert.True(max.IsZero || _ledger.BalanceOf(token, to) <= max, $"{to} holds more than its maximum balance {max}");
                }
            }
        }

        private ulong TokenStorageDay() => Ledger.Contracts.Tokens.TokenStorage.Day(_ledger.TimestampMs);

        private void CheckSupplyAndRegistration()
        {
            foreach (var token in Tokens)
            {
                var sum = _ledger.BalanceOf(token, token).ToBigInteger(); // the escrow of held transfers
                foreach (var i in _accounts)
                {
                    var account = DevKeys.Address(i);
                    var balance = _ledger.BalanceOf(token, account);
                    Assert.True(balance.IsZero || _registered.Contains(account), $"unregistered {account} holds {balance}");
                    sum += balance.ToBigInteger();
                }

                var supply = _ledger.UInt256View(token, "totalSupply()").ToBigInteger();
                var minted = _ledger.UInt256View(token, "totalMinted()").ToBigInteger();
                var burned = _ledger.UInt256View(token, "totalBurned()").ToBigInteger();
                var redeemed = _ledger.UInt256View(token, "totalRedeemed()").ToBigInteger();
                Assert.Equal(supply, sum);
                Assert.Equal(minted - burned - redeemed, sum);
            }
        }

        private State Snapshot(Address token, Address account)
        {
            var freeze = new AbiReader(_ledger.View(Compliance, Calls.Encode("freezeOf(address)", account)), "freezeOf").ReadBool("frozen");
            var locked = new AbiReader(_ledger.View(token, Calls.Encode("getFrozenTokens(address)", account)), "locked").ReadUInt256("locked");
            var limits = new AbiReader(_ledger.View(Compliance, Calls.Encode("limitsOf(address,address)", token, account)), "limitsOf");
            return new State(freeze, locked, limits.ReadUInt256("perTx"), limits.ReadUInt256("daily"), limits.ReadUInt256("max"));
        }
    }

    private sealed record State(bool Frozen, UInt256 Locked, UInt256 PerTransaction, UInt256 Daily, UInt256 MaxBalance);
}
