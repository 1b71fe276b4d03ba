using System.Numerics;
using Ledger.Contracts.Settlement;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.LoadGen;

namespace Ledger.Chaos.Workload;

/// <summary>
/// Signs the workload's payments. Every random choice (kind, counterparty, amount) comes from the caller's seeded
/// <see cref="Random"/>; quote nonces and invoice assignment are counters, so the same seed signs the same bytes.
/// </summary>
public sealed class PaymentFactory(
    IReadOnlyList<LoadAccount> accounts,
    IReadOnlyList<Invoice> invoices,
    ulong quoteExpiry,
    IEcdsa ecdsa)
{
    private static readonly byte[] DeskKey = DevKeys.PrivateKey(ChaosChain.DeskDevKey);
    private static readonly Address Desk = DevKeys.Address(ChaosChain.DeskDevKey);
    private readonly Eip712Domain _domain = new("Ledger Settlement", "1", ChaosChain.ChainId, ChaosChain.Settlement);
    private int _nextId;
    private int _nextInvoice;
    private ulong _nextQuoteNonce = 1;

    /// <summary>Invoices not yet given to a payment.</summary>
    public int InvoicesLeft => invoices.Count - Volatile.Read(ref _nextInvoice);

    /// <summary>A payment of a kind drawn from <paramref name="random"/>: 70 % transfers, 15 % FX, 15 % invoices (while any are left).</summary>
    public Payment Next(int sender, ulong nonce, Random random, int? replaces = null)
    {
        var roll = random.Next(100);
        var kind = roll < 70 ? PaymentKind.Transfer : roll < 85 ? PaymentKind.FxSettlement : PaymentKind.InvoicePayment;
        return Create(kind, sender, nonce, random, replaces);
    }

    public Payment Create(PaymentKind kind, int sender, ulong nonce, Random random, int? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        Invoice? invoice = null;
        if (kind == PaymentKind.InvoicePayment && !TryTakeInvoice(sender, out invoice))
        {
            kind = PaymentKind.Transfer;
        }

        var other = OtherThan(sender, random);
        var (to, data, gas, deltas) = kind switch
        {
            PaymentKind.Transfer => Transfer(sender, other, (ulong)random.Next(1, 10_000)),
            PaymentKind.FxSettlement => Fx(sender, other, (ulong)random.Next(100, 10_000), (ulong)random.Next(0, 51)),
            _ => Pay(sender, invoice!),
        };
        var tx = TransactionSigner.Sign(
            new UnsignedTransaction
            {
                Type = TxType.DynamicFee,
                ChainId = ChaosChain.ChainId,
                Nonce = nonce,
                GasLimit = gas,
                To = to,
                Data = data,
            },
            accounts[sender].PrivateKey,
            ecdsa);
        return new Payment(Interlocked.Increment(ref _nextId), kind, sender, nonce, tx.Raw, tx.Hash.ToString(), deltas) { Replaces = replaces };
    }

    private (Address, byte[], ulong, TokenDelta[]) Transfer(int sender, int receiver, ulong amount) =>
    (
        ChaosChain.Usda,
        new AbiWriter(2).WriteAddress(accounts[receiver].Address).WriteUInt256(amount).ToCallData("transfer(address,uint256)"),
        100_000,
        [new(ChaosChain.Usda, accounts[sender].Address, -(BigInteger)amount), new(ChaosChain.Usda, accounts[receiver].Address, amount)]
    );

    private (Address, byte[], ulong, TokenDelta[]) Fx(int payer, int beneficiary, ulong payAmount, ulong fee)
    {
        // Both tokens have 2 decimals: receiveAmount = floor(payAmount × rate / 1e18), as the module requires.
        var receive = (ulong)((BigInteger)payAmount * ChaosChain.UsdEurRate.ToBigInteger() / BigInteger.Pow(10, 18));
        var quote = new FxQuote(
            Desk,
            accounts[payer].Address,
            accounts[beneficiary].Address,
            ChaosChain.Usda,
            ChaosChain.Eurb,
            payAmount,
            receive,
            fee,
            ChaosChain.UsdEurRate,
            quoteExpiry,
            Interlocked.Increment(ref _nextQuoteNonce),
            Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes($"travel-rule {payer}->{beneficiary} {payAmount}")));
        var signature = Eip712.Sign(quote.Digest(_domain), DeskKey, ecdsa);
        var data = new AbiWriter(13)
            .WriteAddress(quote.Provider)
            .WriteAddress(quote.Payer)
            .WriteAddress(quote.Beneficiary)
            .WriteAddress(quote.PayToken)
            .WriteAddress(quote.ReceiveToken)
            .WriteUInt256(quote.PayAmount)
            .WriteUInt256(quote.ReceiveAmount)
            .WriteUInt256(quote.Fee)
            .WriteUInt256(quote.Rate)
            .WriteUInt64(quote.Expiry)
            .WriteUInt256(quote.Nonce)
            .WriteBytes32(quote.TravelRuleRef)
            .WriteBytes(signature)
            .ToCallData("settle(" + FxQuote.AbiTypes + ",bytes)");
        var paid = (BigInteger)payAmount + fee;
        return (ChaosChain.Settlement, data, 400_000,
        [
            new(ChaosChain.Usda, accounts[payer].Address, -paid),
            new(ChaosChain.Usda, Desk, paid),
            new(ChaosChain.Eurb, Desk, -(BigInteger)receive),
            new(ChaosChain.Eurb, accounts[beneficiary].Address, receive),
        ]);
    }

    private (Address, byte[], ulong, TokenDelta[]) Pay(int payer, Invoice invoice) =>
    (
        ChaosChain.Merchant,
        new AbiWriter(1).WriteUInt256(invoice.Id).ToCallData("payInvoice(uint256)"),
        200_000,
        [new(ChaosChain.Usda, accounts[payer].Address, -(BigInteger)invoice.Amount), new(ChaosChain.Usda, invoice.MerchantAddress, invoice.Amount)]
    );

    /// <summary>The next unpaid invoice whose merchant is not the payer (a merchant cannot pay its own invoice).</summary>
    private bool TryTakeInvoice(int payer, out Invoice? invoice)
    {
        while (true)
        {
            var index = Volatile.Read(ref _nextInvoice);
            if (index >= invoices.Count || invoices[index].Merchant == payer)
            {
                invoice = null;
                return false;
            }

            if (Interlocked.CompareExchange(ref _nextInvoice, index + 1, index) == index)
            {
                invoice = invoices[index];
                return true;
            }
        }
    }

    private int OtherThan(int sender, Random random)
    {
        var other = random.Next(accounts.Count - 1);
        return other >= sender ? other + 1 : other;
    }
}
