namespace Ledger.Core.Records;

/// <summary>Wire names of <see cref="RecordKind"/> (JSON-RPC, gRPC, the wallet's --json) and the statement's grouping.</summary>
public static class RecordKinds
{
    private static readonly Dictionary<RecordKind, string> Names = new()
    {
        [RecordKind.Transfer] = "transfer",
        [RecordKind.Held] = "held",
        [RecordKind.HeldReleased] = "held-released",
        [RecordKind.HeldCancelled] = "held-cancelled",
        [RecordKind.HeldExpired] = "held-expired",
        [RecordKind.InvoicePayment] = "invoice-payment",
        [RecordKind.InvoiceRefund] = "invoice-refund",
        [RecordKind.FxSettlement] = "fx-settlement",
        [RecordKind.EscrowLock] = "escrow-lock",
        [RecordKind.EscrowRelease] = "escrow-release",
        [RecordKind.EscrowReturn] = "escrow-return",
        [RecordKind.HtlcLock] = "htlc-lock",
        [RecordKind.HtlcClaim] = "htlc-claim",
        [RecordKind.HtlcRefund] = "htlc-refund",
        [RecordKind.Mint] = "mint",
        [RecordKind.Burn] = "burn",
        [RecordKind.Redeem] = "redeem",
        [RecordKind.ForcedTransfer] = "forced-transfer",
        [RecordKind.Recovery] = "recovery",
        [RecordKind.OpeningBalance] = "opening-balance",
    };

    private static readonly Dictionary<string, RecordKind> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind, in their numeric order.</summary>
    public static IReadOnlyList<RecordKind> All { get; } = [.. Names.Keys.Order()];

    /// <summary>"invoice-payment" for <see cref="RecordKind.InvoicePayment"/>.</summary>
    public static string WireName(this RecordKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown record kind");

    public static bool TryParse(string? text, out RecordKind kind) => ByName.TryGetValue(text ?? string.Empty, out kind);

    /// <summary>A kind by wire name, or an <see cref="ArgumentException"/> listing the names.</summary>
    public static RecordKind Parse(string text) =>
        TryParse(text, out var kind) ? kind : throw new ArgumentException($"unknown record kind '{text}' (kinds: {string.Join(", ", All.Select(k => k.WireName()))})", nameof(text));

    public static bool IsDefined(RecordKind kind) => Names.ContainsKey(kind);

    /// <summary>
    /// Money coming back from something the account paid before (a held payment cancelled or expired, an escrow
    /// returned, an HTLC refunded, an invoice refunded). A statement nets it against spending rather than counting
    /// it as income, so a cancelled payment is not "spent" and its return not "received".
    /// </summary>
    public static bool IsReturn(this RecordKind kind) =>
        kind is RecordKind.HeldCancelled or RecordKind.HeldExpired or RecordKind.EscrowReturn or RecordKind.HtlcRefund or RecordKind.InvoiceRefund;

    /// <summary>
    /// For a record that moved no money: whether its account paid the payment it is about (a held payment released, an
    /// escrow approved, an HTLC claimed tell the payer) rather than being its recipient (a payment waiting, cancelled,
    /// returned or refunded tells the recipient). Gives the entry's from and to.
    /// </summary>
    public static bool OutcomeForPayer(this RecordKind kind) =>
        kind is RecordKind.HeldReleased or RecordKind.EscrowRelease or RecordKind.HtlcClaim;

    /// <summary>The module a kind of record comes from: "Merchant", "Settlement", or the token's own ("DepositToken").</summary>
    public static string ModuleOf(this RecordKind kind) => kind switch
    {
        RecordKind.InvoicePayment or RecordKind.InvoiceRefund => "Merchant",
        RecordKind.FxSettlement or RecordKind.EscrowLock or RecordKind.EscrowRelease or RecordKind.EscrowReturn
            or RecordKind.HtlcLock or RecordKind.HtlcClaim or RecordKind.HtlcRefund => "Settlement",
        _ => "DepositToken",
    };

    /// <summary>
    /// The reference as people read it: the invoice, escrow, HTLC or held-transfer id in decimal; an FX quote hash or a
    /// bank reference in 0x hex; empty when none.
    /// </summary>
    public static string FormatReference(this RecordKind kind, Primitives.Hash32 reference)
    {
        if (reference.IsZero)
        {
            return string.Empty;
        }

        var isId = kind is RecordKind.Held or RecordKind.HeldReleased or RecordKind.HeldCancelled or RecordKind.HeldExpired
            or RecordKind.InvoicePayment or RecordKind.InvoiceRefund or RecordKind.EscrowLock or RecordKind.EscrowRelease
            or RecordKind.EscrowReturn or RecordKind.HtlcLock or RecordKind.HtlcClaim or RecordKind.HtlcRefund;
        return isId ? Primitives.UInt256.FromBigEndian(reference.ToArray()).ToString() : reference.ToString();
    }

    /// <summary>The inverse of <see cref="FormatReference"/>; false for text it never produces.</summary>
    public static bool TryParseReference(string text, out Primitives.Hash32 reference)
    {
        reference = Primitives.Hash32.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Primitives.Hash32.TryParse(text, out reference);
        }

        if (!System.Numerics.BigInteger.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || !Primitives.UInt256.TryFromBigInteger(number, out var value))
        {
            return false;
        }

        var bytes = new byte[32];
        value.WriteBigEndian(bytes);
        reference = new Primitives.Hash32(bytes);
        return true;
    }
}
