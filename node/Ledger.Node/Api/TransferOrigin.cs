using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Node.Api;

/// <summary>
/// What a transfer was part of: the module the transaction called (<c>Merchant</c>, <c>Settlement</c>,
/// <c>DepositToken:USDA</c>), the function (<c>payInvoice</c>, <c>settle</c>, <c>openEscrow</c>, <c>transfer</c>)
/// and a reference from that module's event in the same receipt (an invoice, escrow or HTLC id in decimal, a
/// quote hash or bank reference in hex). Empty strings when unknown, e.g. a call to an address that is no module.
/// </summary>
internal sealed record TransferOrigin(string Module, string Function, string Reference)
{
    /// <summary>
    /// Indexed event inputs that name what the event is about, best first. A Merchant payment emits
    /// <c>CouponUsed(…, codeHash, invoiceId)</c> next to <c>InvoicePaid(id, …)</c>; ranking by name picks the
    /// invoice id rather than whichever event came first.
    /// </summary>
    private static readonly string[] ReferenceNames = ["id", "quoteHash", "invoiceId", "reference", "legalReference"];

    public static TransferOrigin Unknown { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>Classifies a transaction by its target and calldata and by the logs its called module emitted.</summary>
    public static TransferOrigin Of(ModuleAbiCatalog catalog, Address? to, ReadOnlySpan<byte> calldata, IEnumerable<LogEntry> logs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(logs);
        if (to is not { } target || catalog.Find(target) is not { } module)
        {
            return Unknown;
        }

        var function = string.Empty;
        if (calldata.Length >= AbiSelector.Length)
        {
            var selector = AbiSelector.Read(calldata);
            function = module.Functions.TryGetValue(selector, out var name) ? name : Hex.Encode(calldata[..AbiSelector.Length]);
        }

        return new TransferOrigin(module.Name, function, FindReference(module, target, logs));
    }

    private static string FindReference(ModuleAbi module, Address moduleAddress, IEnumerable<LogEntry> logs)
    {
        var own = logs.Where(l => l.Address == moduleAddress && l.Topics.Count > 0).ToList();
        foreach (var wanted in ReferenceNames)
        {
            foreach (var log in own)
            {
                if (!module.Events.TryGetValue(log.Topics[0], out var indexed))
                {
                    continue;
                }

                var input = indexed.FirstOrDefault(i => i.Name == wanted && i.Topic < log.Topics.Count);
                if (input is not null)
                {
                    return Format(input.Type, log.Topics[input.Topic]);
                }
            }
        }

        return string.Empty;
    }

    /// <summary>Numbers (ids) in decimal, as users and the other commands show them; anything else in hex.</summary>
    private static string Format(string type, Hash32 topic)
    {
        Span<byte> word = stackalloc byte[32];
        topic.WriteTo(word);
        return type.StartsWith("uint", StringComparison.Ordinal) ? UInt256.FromBigEndian(word).ToString() : Hex.Encode(word);
    }
}
