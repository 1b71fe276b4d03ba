using CsCheck;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Merchants.MerchantLedger;

namespace Ledger.Contracts.Tests.Merchants;

/// <summary>
/// Random interleavings of invoices, payments (plain, with a coupon), refunds and the passing of time by registered
/// and unregistered accounts: after every transaction each token's balances add up to its supply, the Merchant
/// module holds nothing (an invoice never keeps funds, so no money can be stuck in it), every balance equals a
/// model that applies exactly the successful payments and refunds, and no invoice is refunded beyond what was paid.
/// </summary>
public class MerchantConservationTests
{
    private const int Accounts = 8; // 0–5 registered, 6–7 not
    private const int InvoiceIds = 4;

    private static readonly Address[] Tokens = [TestGenesis.Usda, TestGenesis.Eurb];

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Int[0, 4], Gen.Int[0, Accounts - 1], Gen.Int[1, InvoiceIds], Gen.Int[0, 1], Gen.ULong[0, 30_000], Gen.Bool)
        .Select((kind, account, invoice, token, amount, flag) => new Step(kind, account, invoice, token, amount, flag));

    [Fact]
    public void Invoices_payments_and_refunds_conserve_every_tokens_supply()
    {
        var successes = new int[5];
        Steps.Array[1, 40].Sample(steps =>
        {
            using var m = new MerchantLedger();
            var model = new Dictionary<(Address Token, int Account), UInt256>();
            foreach (var token in Tokens)
            {
                for (var i = 0; i < Accounts; i++)
                {
                    model[(token, i)] = m.Ledger.BalanceOf(token, Dev(i));
                }
            }

            // Every registered account offers the same 10 % coupon code, so a random payment with it may succeed once per merchant.
            for (var i = 0; i < TestGenesis.RegisteredCustomers; i++)
            {
                m.Ok(i, m.CreateCoupon("TEN", 0, 1_000, (m.Ledger.TimestampMs / 1000) + 86_400));
            }

            foreach (var step in steps)
            {
                if (Apply(m, step, model))
                {
                    Interlocked.Increment(ref successes[step.Kind]);
                }

                foreach (var token in Tokens)
                {
                    for (var i = 0; i < Accounts; i++)
                    {
                        Assert.Equal(model[(token, i)], m.Ledger.BalanceOf(token, Dev(i)));
                    }
                }

                m.AssertSupplyUnchanged();
            }

            return true;
        }, iter: 25, seed: "0N0XIzNsQ0O2");

        // The property is only as good as its successful steps: creations, payments and refunds all happened.
        var summary = $"step kinds succeeded {string.Join("/", successes)} times";
        Assert.True(successes[0] > 0 && successes[1] > 0 && successes[2] + successes[3] > 0, summary);
    }

    /// <summary>Runs one step; true when its transaction succeeded.</summary>
    private static bool Apply(MerchantLedger m, Step step, Dictionary<(Address Token, int Account), UInt256> model)
    {
        var id = new UInt256((ulong)step.Invoice);
        switch (step.Kind)
        {
            case 0:
                // Short-lived (3 s) or long-lived invoices, so that some expire before they are paid.
                var expiry = (m.Ledger.TimestampMs / 1000) + (step.Flag ? 3UL : 3_600UL);
                return m.Ledger.Send(step.Account, Module, Calls.Encode("createInvoice(address,uint256,uint64,string)", Tokens[step.Token], step.Amount, expiry, "p")).Success;
            case 1:
                var payment = m.Ledger.Send(step.Account, Module, step.Flag ? Pay(id, "TEN") : Pay(id));
                if (payment.Success)
                {
                    var invoice = m.Invoice(id);
                    Assert.True(invoice.PaidAmount + invoice.Discount == invoice.Amount, "paid + discount must be the invoice amount");
                    model[(invoice.Token, step.Account)] -= invoice.PaidAmount;
                    model[(invoice.Token, IndexOf(invoice.Merchant))] += invoice.PaidAmount;
                }

                return payment.Success;
            case 2:
            case 3:
                // Mostly the invoice's own merchant (when the invoice exists), sometimes anyone: both must keep the books.
                var signer = step.Flag && m.Ledger.Call(Module, Calls.Encode("getInvoice(uint256)", id)).Success ? IndexOf(m.Invoice(id).Merchant) : step.Account;
                var refund = m.Ledger.Send(signer, Module, Refund(id, step.Amount % 20_000));
                if (refund.Success)
                {
                    var invoice = m.Invoice(id);
                    Assert.True(invoice.Refunded <= invoice.PaidAmount, "refunded beyond the paid amount");
                    model[(invoice.Token, signer)] -= step.Amount % 20_000;
                    model[(invoice.Token, IndexOf(invoice.Payer))] += step.Amount % 20_000;
                }

                return refund.Success;
            default:
                m.Ledger.AdvanceTime(TimeSpan.FromSeconds(step.Amount % 10));
                return true;
        }
    }

    private static int IndexOf(Address account)
    {
        for (var i = 0; i < Accounts; i++)
        {
            if (DevKeys.Address(i) == account)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{account} is not a test account");
    }

    private sealed record Step(int Kind, int Account, int Invoice, int Token, ulong Amount, bool Flag);
}
