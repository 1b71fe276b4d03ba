using Ledger.Contracts.Settlement;
using Ledger.Contracts.Tests.Settlement;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Contracts.Tests.Records;

/// <summary>
/// One random run for the records property: the real executor, modules and account index (in memory), set up so
/// that every kind of operation can succeed — dev 2 and dev 3 have a guardian (dev 20) above 300.00 so their larger
/// payments are held, bank B's operator (dev 1) quotes FX and lets Settlement deliver its EURB, merchants 4 and 5 run
/// loyalty programmes and coupons. Balances of every tracked account are kept after every block, to compare a
/// period's records with the balance change over that period.
/// </summary>
internal sealed class RecordRun : IDisposable
{
    public const int Guardian = 20;

    public static readonly Address[] Tokens = [TestGenesis.Usda, TestGenesis.Eurb];

    private static readonly Hash32 Preimage = new(Enumerable.Repeat((byte)7, 32).ToArray());

    // Recoveries run without a delay here (approval carries them out), so one op is one recovery; the delay has its own tests.
    private readonly SettlementDriver _s = new(TestGenesis.Create() with
    {
        Compliance = TestGenesis.Create().Compliance with { FourEyes = new Ledger.Core.Genesis.FourEyesConfig { RecoveryDelaySeconds = 0 } },
    });
    private readonly List<Dictionary<(Address, Address), UInt256>> _balances = [];
    private int _references;
    private int _coupons;
    private int _recoveries;

    // Four-eyes requests made earlier in the block being built: the next one's id is the committed count plus these.
    private int _requestsInBlock;

    /// <summary>The dev key of each customer 0–5: a recovered customer goes on under its new key (21, 22).</summary>
    private readonly int[] _keys = [0, 1, 2, 3, 4, 5];

    private static readonly Hash32 TransferHeldTopic = AbiTopic.OfEvent("TransferHeld(uint256,address,address,uint256,uint64)");

    /// <summary>Held transfers made so far per token (their ids run from 1).</summary>
    private readonly Dictionary<Address, ulong> _held = [];

    public RecordRun()
    {
        Snapshot(); // genesis
        var setup = Ledger.SendBlock(
            (SettlementDriver.Provider, TestGenesis.Eurb, Calls.Approve(SettlementAddress, UInt256.MaxValue), 1_000_000UL),
            (2, TestGenesis.Usda, Calls.Encode("setGuardian(address,uint256)", Dev(Guardian), 30_000), 1_000_000UL),
            (3, TestGenesis.Eurb, Calls.Encode("setGuardian(address,uint256)", Dev(Guardian), 30_000), 1_000_000UL),
            (5, TestGenesis.Merchant, Calls.Encode("setLoyalty(uint256,uint256)", 10, 1), 1_000_000UL));
        Assert.All(setup, r => Assert.True(r.Success, r.Success ? string.Empty : TestLedger.DecodeError(r.RevertData)));
        Snapshot();
    }

    /// <summary>The accounts whose records are checked: customers, the guardian, the recovery targets, custody and the token holds.</summary>
    public static IEnumerable<Address> Accounts =>
        Enumerable.Range(0, 6).Concat([Guardian, 21, 22]).Select(Dev).Append(SettlementAddress).Concat(Tokens);

    public TestLedger Ledger => _s.Ledger;

    /// <summary>Balances after each block (index = block number).</summary>
    public IReadOnlyList<Dictionary<(Address, Address), UInt256>> Balances => _balances;

    /// <summary>Revert reasons of the run's failed calls (many are expected: random parties, ids and amounts).</summary>
    public List<string> Failures { get; } = [];

    private static Address SettlementAddress => TestGenesis.Settlement;

    public static Address Dev(int i) => DevKeys.Address(i);

    /// <summary>Commits one block with the calls of <paramref name="ops"/> (an op may be two calls, or only advance time).</summary>
    public void Apply(IEnumerable<RecordOp> ops)
    {
        var calls = new List<(int, Address, byte[], ulong)>();
        _requestsInBlock = 0;
        foreach (var op in ops)
        {
            if (op.Kind == RecordOp.AdvanceTime)
            {
                Ledger.AdvanceTime(TimeSpan.FromMinutes(op.Pick * 37));
                continue;
            }

            calls.AddRange(CallsOf(op).Select(c => (c.Signer, c.To, c.Data, 1_000_000UL)));
        }

        if (calls.Count > 0)
        {
            var receipts = Ledger.SendBlock([.. calls]);
            for (var i = 0; i < receipts.Count; i++)
            {
                if (!receipts[i].Success)
                {
                    Failures.Add(TestLedger.DecodeError(receipts[i].RevertData));
                }

                foreach (var log in receipts[i].Logs.Where(l => l.Topics.Count > 0 && l.Topics[0] == TransferHeldTopic))
                {
                    _held[log.Address] = _held.GetValueOrDefault(log.Address) + 1;
                }
            }

            Snapshot();
        }
    }

    public void Dispose() => _s.Dispose();

    private void Snapshot()
    {
        var balances = new Dictionary<(Address, Address), UInt256>();
        foreach (var account in Accounts)
        {
            foreach (var token in Tokens)
            {
                balances[(account, token)] = Ledger.BalanceOf(token, account);
            }
        }

        _balances.Add(balances);
        Assert.Equal((int)Ledger.Chain.HeadNumber + 1, _balances.Count);
    }

    private IEnumerable<(int Signer, Address To, byte[] Data)> CallsOf(RecordOp op)
    {
        var token = Tokens[op.Token];
        var amount = new UInt256(op.Amount);
        var now = (Ledger.TimestampMs / 1000) + 1;
        var deadline = now + 60 + ((ulong)op.Pick * 300);
        var issuer = op.Token; // dev 0 issues USDA, dev 1 EURB
        switch (op.Kind)
        {
            case 0:
                yield return (Key(op.A), token, Calls.Transfer(Party(op.B), amount));
                break;
            case 1:
                yield return (Key(op.A), token, Calls.Approve(Party(op.C), amount));
                yield return (Key(op.C), token, Calls.TransferFrom(Party(op.A), Party(op.B), amount));
                break;
            case 2:
                yield return (Guardian, token, Calls.Encode("approveHeldTransfer(uint256)", Recent(_held.GetValueOrDefault(token), op.Pick)));
                break;
            case 3:
                yield return (op.Pick % 2 == 0 ? Key(op.A) : Guardian, token, Calls.Encode("cancelHeldTransfer(uint256)", Recent(_held.GetValueOrDefault(token), op.Pick)));
                break;
            case 4:
                yield return (Key(op.A), TestGenesis.Merchant, Calls.Encode("createInvoice(address,uint256,uint64,string)", token, amount, deadline, "order"));
                break;
            case 5:
                yield return (Key(op.B), TestGenesis.Merchant, PayInvoice(op));
                break;
            case 6:
                yield return (Key(op.A), TestGenesis.Merchant, Calls.Encode("refund(uint256,uint256)", Recent(Count(TestGenesis.Merchant, "invoiceCount()"), op.Pick), new UInt256(op.Amount % 5_000)));
                break;
            case 7:
                yield return (Key(op.A), TestGenesis.Merchant, Calls.Encode("createCoupon(bytes32,uint8,uint256,uint64)", CouponHash(++_coupons), (byte)(op.Pick % 2), op.Pick % 2 == 0 ? 1_500 : op.Amount, deadline));
                break;
            case 8:
                // The provider posts its rate (valid an hour) in the same block, so a quote always finds a fresh one.
                yield return (SettlementDriver.Provider, SettlementAddress, SettlementDriver.PostRateCall("USD", "EUR", SettlementDriver.Rate, now + 3_600));
                yield return (Key(op.A % 3 * 2), SettlementAddress, Settle(op));
                break;
            case 9:
                yield return (Key(op.A), SettlementAddress, Calls.Encode("openEscrow(address,address,uint256,uint64,bytes32)", token, Party(op.B), amount, deadline, Hash32.Zero));
                break;
            case 10:
                yield return (op.Pick % 2 == 0 ? op.C % 2 : 15 + (op.C % 2), SettlementAddress, Calls.Encode("approveEscrow(uint256)", Recent(Count(SettlementAddress, "escrowCount()"), op.Pick)));
                break;
            case 11:
                yield return (op.Pick % 2 == 0 ? op.C % 2 : 15 + (op.C % 2), SettlementAddress, Calls.Encode("rejectEscrow(uint256,string)", Recent(Count(SettlementAddress, "escrowCount()"), op.Pick), "screening"));
                break;
            case 12:
                yield return (Key(op.A), SettlementAddress, Calls.Encode("reclaimEscrow(uint256)", Recent(Count(SettlementAddress, "escrowCount()"), op.Pick)));
                break;
            case 13:
                yield return (Key(op.A), SettlementAddress, Calls.Encode("lockHtlc(address,address,uint256,bytes32,uint64)", token, Party(op.B), amount, SettlementModule.HashLockOf(Preimage.ToArray()), deadline));
                break;
            case 14:
                yield return (Key(op.C), SettlementAddress, Calls.Encode("claimHtlc(uint256,bytes32)", Recent(Count(SettlementAddress, "htlcCount()"), op.Pick), op.Pick % 5 == 0 ? Hash32.Zero : Preimage));
                break;
            case 15:
                yield return (Key(op.A), SettlementAddress, Calls.Encode("refundHtlc(uint256)", Recent(Count(SettlementAddress, "htlcCount()"), op.Pick)));
                break;
            case 16:
                yield return (issuer, token, Calls.Encode("mint(address,uint256,bytes32)", Party(op.B), amount, NextReference()));
                break;
            case 17:
                yield return (issuer, TestGenesis.Compliance, Calls.Encode("requestBurn(address,address,uint256,bytes32)", token, Party(op.B), amount, NextReference()));
                yield return (FourEyesSteps.OtherOfficer(issuer), TestGenesis.Compliance, Calls.Encode("approveRequest(uint256)", NextRequestId()));
                break;
            case 18:
                yield return (Key(op.A), token, Calls.Encode("redeem(uint256,bytes32)", amount, NextReference()));
                break;
            case 19:
                yield return (issuer, TestGenesis.Compliance, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", token, Party(op.A), Party(op.B), amount, NextReference()));
                yield return (FourEyesSteps.OtherOfficer(issuer), TestGenesis.Compliance, Calls.Encode("approveRequest(uint256)", NextRequestId()));
                break;
            case 20:
                yield return (Key(op.A), token, Calls.Batch([Party(op.B), Party(op.C)], [amount, new UInt256(op.Amount / 3)]));
                break;
            case 21 when _recoveries < 2:
                {
                    // dev 4 (bank A, operator dev 0) then dev 5 (bank B, operator dev 1) lose their key: the bank moves them to a fresh one.
                    var lost = 4 + (_recoveries % 2);
                    yield return (lost % 2, TestGenesis.Compliance, Calls.Encode("requestRecovery(address,address)", Party(lost), Dev(21 + _recoveries)));
                    yield return (FourEyesSteps.OtherOfficer(lost % 2), TestGenesis.Compliance, Calls.Encode("approveRequest(uint256)", NextRequestId()));
                    _keys[lost] = 21 + _recoveries++;
                    break;
                }
        }
    }

    private ulong NextRequestId() => Ledger.UInt256View(TestGenesis.Compliance, "requestCount()").ToUInt64() + (ulong)++_requestsInBlock;

    private byte[] PayInvoice(RecordOp op) => (op.Pick % 3) switch
    {
        0 => Calls.Encode("payInvoice(uint256)", Recent(Count(TestGenesis.Merchant, "invoiceCount()"), op.Pick)),
        1 => Calls.Encode("payInvoice(uint256,string)", Recent(Count(TestGenesis.Merchant, "invoiceCount()"), op.Pick), CouponCode(Math.Max(1, _coupons - (op.C % 2)))),
        _ => Calls.Encode("payInvoiceWithPoints(uint256,uint256,string)", Recent(Count(TestGenesis.Merchant, "invoiceCount()"), op.Pick), (ulong)op.C * 7, string.Empty),
    };

    /// <summary>A quote from a bank A customer to a bank B customer (or to itself), 92 EUR per 100 USD, fee from the pick.</summary>
    private byte[] Settle(RecordOp op)
    {
        var payer = op.A % 3 * 2;
        var beneficiary = op.B % 4 == 3 ? payer : (op.B % 3 * 2) + 1;
        var quote = _s.Quote() with
        {
            Payer = Party(payer),
            Beneficiary = Party(beneficiary),
            PayAmount = new UInt256(op.Amount),
            ReceiveAmount = new UInt256(op.Amount * 92 / 100),
            Fee = new UInt256((ulong)op.Pick),
            Nonce = new UInt256((ulong)++_references),
        };
        return SettlementDriver.SettleCall(quote, _s.Sign(quote));
    }

    private Address Party(int customer) => Dev(_keys[customer]);

    private int Key(int customer) => _keys[customer];

    private Hash32 NextReference() => Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes($"ref-{++_references}"));

    private static string CouponCode(int n) => $"C{n}";

    private static Hash32 CouponHash(int n) => Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(CouponCode(n)));

    /// <summary>One of the four newest ids (1 when there is none yet, which then does not exist).</summary>
    private static ulong Recent(ulong count, int pick) => count == 0 ? 1 : count - ((ulong)pick % Math.Min(count, 4));

    private ulong Count(Address module, string view) => Ledger.UInt256View(module, view).ToUInt64();
}
