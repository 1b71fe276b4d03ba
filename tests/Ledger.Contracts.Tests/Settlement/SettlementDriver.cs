using Ledger.Contracts.Settlement;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>
/// The bank A → bank B scenario on a <see cref="TestLedger"/>: bank B's operator (dev 1, a DE customer holding EURB)
/// is the FX provider, dev 2 (bank A, US) pays, dev 3 (bank B, DE) receives. Builds and signs quotes, encodes the
/// Settlement calls and snapshots every balance and supply so a refused call can be shown to have moved nothing.
/// </summary>
public sealed class SettlementDriver : IDisposable
{
    public const int Provider = 1;
    public const int Payer = 2;
    public const int Beneficiary = 3;

    /// <summary>USD/EUR 0.92.</summary>
    public static readonly UInt256 Rate = new(920_000_000_000_000_000UL);

    private ulong _nonce;

    public SettlementDriver(Ledger.Core.Genesis.GenesisConfig? genesis = null) => Ledger = new TestLedger(genesis);

    public TestLedger Ledger { get; }

    public static Address SettlementAddress => TestGenesis.Settlement;

    public static Address Dev(int i) => DevKeys.Address(i);

    /// <summary>Block time (unix seconds) of the next block.</summary>
    public ulong NextBlockSeconds => (Ledger.TimestampMs + 1_000) / 1000;

    public SettlementModule Module => (SettlementModule)Ledger.Module(SettlementModule.ModuleName);

    public Eip712Domain Domain => Module.Domain(TestGenesis.ChainId);

    public Receipt PostRate(int signer = Provider, string baseCurrency = "USD", string quoteCurrency = "EUR", UInt256? rate = null, ulong validFor = 3_600) =>
        Ledger.Ok(signer, SettlementAddress, PostRateCall(baseCurrency, quoteCurrency, rate ?? Rate, NextBlockSeconds + validFor));

    public static byte[] PostRateCall(string baseCurrency, string quoteCurrency, UInt256 rate, ulong validUntil) =>
        Calls.Encode("postRate(string,string,uint256,uint64)", baseCurrency, quoteCurrency, rate, validUntil);

    /// <summary>100.00 USDA for 92.00 EURB plus a 1.00 USDA fee, valid for ten minutes, with a fresh nonce.</summary>
    public FxQuote Quote() => new(
        Dev(Provider),
        Dev(Payer),
        Dev(Beneficiary),
        TestGenesis.Usda,
        TestGenesis.Eurb,
        new UInt256(10_000),
        new UInt256(9_200),
        new UInt256(100),
        Rate,
        NextBlockSeconds + 600,
        new UInt256(++_nonce),
        Keccak256.Hash("travel rule envelope"u8));

    public byte[] Sign(FxQuote quote, int signer = Provider) => Eip712.Sign(quote.Digest(Domain), DevKeys.PrivateKey(signer));

    public static byte[] SettleCall(FxQuote quote, byte[] signature) =>
        Fields(quote).WriteBytes(signature).ToCallData("settle(" + FxQuote.AbiTypes + ",bytes)");

    public static byte[] HashQuoteCall(FxQuote quote) => Fields(quote).ToCallData("hashQuote(" + FxQuote.AbiTypes + ")");

    /// <summary>The provider lets Settlement pay out its EURB (its standing allowance for the provider's leg).</summary>
    public void ApproveProvider(UInt256? amount = null) =>
        Ledger.Ok(Provider, TestGenesis.Eurb, Calls.Approve(SettlementAddress, amount ?? UInt256.MaxValue));

    /// <summary>Every balance of both tokens (dev accounts 0–16 and the custody account) and both supplies.</summary>
    public Dictionary<string, UInt256> Snapshot()
    {
        var snapshot = new Dictionary<string, UInt256>();
        foreach (var token in new[] { TestGenesis.Usda, TestGenesis.Eurb })
        {
            foreach (var account in Enumerable.Range(0, 17).Select(Dev).Append(SettlementAddress))
            {
                snapshot[$"{token} {account}"] = Ledger.BalanceOf(token, account);
            }

            snapshot[$"{token} supply"] = Ledger.UInt256View(token, "totalSupply()");
        }

        return snapshot;
    }

    public void AssertUnchanged(Dictionary<string, UInt256> before) => Assert.Equal(before, Snapshot());

    public UInt256 Usda(int account) => Ledger.BalanceOf(TestGenesis.Usda, Dev(account));

    public UInt256 Eurb(int account) => Ledger.BalanceOf(TestGenesis.Eurb, Dev(account));

    /// <summary>The uint256 id a lock function returned, read from its first event's first indexed topic.</summary>
    public static UInt256 IdOf(Receipt receipt) => UInt256.FromBigEndian(receipt.Logs.Last(l => l.Address == SettlementAddress).Topics[1].ToArray());

    public LogEntry LastSettlementLog(Receipt receipt) => receipt.Logs.Last(l => l.Address == SettlementAddress);

    public void Dispose() => Ledger.Dispose();

    private static AbiWriter Fields(FxQuote quote) => new AbiWriter(14)
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
        .WriteBytes32(quote.TravelRuleRef);
}
