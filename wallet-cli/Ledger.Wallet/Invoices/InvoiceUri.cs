using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Invoices;

/// <summary>
/// The Merchant module's EIP-681 invoice URI: <c>ethereum:MODULE@CHAINID/payInvoice?uint256=ID</c>. A wallet calls
/// <c>payInvoice(ID)</c> on MODULE; amount, token and merchant come from <c>getInvoice(ID)</c>, never from the URI,
/// so a tampered QR code cannot change what is paid.
/// </summary>
public sealed partial record InvoiceUri(Address Module, ulong ChainId, ulong Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ethereum:{Module.ToChecksumString()}@{ChainId}/payInvoice?uint256={Id}");

    /// <summary>True for text shaped like an invoice URI (function payInvoice), so the caller picks the right parser.</summary>
    public static bool Looks(string text) =>
        text is not null && text.Contains("/payInvoice", StringComparison.Ordinal);

    /// <summary>Parses an invoice URI; a usage <see cref="WalletException"/> says which part is wrong.</summary>
    public static InvoiceUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            throw WalletException.Usage($"'{text}' is not an invoice: expected ethereum:MODULE@CHAINID/payInvoice?uint256=ID (EIP-681)");
        }

        if (!Address.TryParse(match.Groups["module"].Value, out var module))
        {
            throw WalletException.Usage($"the invoice's module '{match.Groups["module"].Value}' is not an address");
        }

        if (!ulong.TryParse(match.Groups["chain"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            throw WalletException.Usage($"the invoice's chain id '{match.Groups["chain"].Value}' is not a number");
        }

        return ulong.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new InvoiceUri(module, chainId, id)
            : throw WalletException.Usage($"the invoice id '{match.Groups["id"].Value}' is not a positive number");
    }

    [GeneratedRegex(@"^ethereum:(?:pay-)?(?<module>0x[0-9a-fA-F]{40})@(?<chain>[0-9]{1,20})/payInvoice\?(?:.*&)?uint256=(?<id>[0-9]{1,20})(?:&.*)?$")]
    private static partial Regex Shape();
}
