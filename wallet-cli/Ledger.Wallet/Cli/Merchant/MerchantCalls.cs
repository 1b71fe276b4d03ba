using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Invoices;

namespace Ledger.Wallet.Cli.Merchant;

/// <summary>Reading the Merchant module: invoices, their URIs, and the id a creating transaction produced.</summary>
internal static class MerchantCalls
{
    private static readonly string InvoiceCreatedTopic = AbiTopic.OfEvent("InvoiceCreated(uint256,address,address,uint256,uint64,string)").ToString();

    public static async Task<MerchantInvoice> GetInvoiceAsync(WalletSession session, Address module, ulong id, CancellationToken ct)
    {
        var response = await session.Client.ViewAsync(null, module, new AbiWriter(1).WriteUInt64(id).ToCallData("getInvoice(uint256)"), ct).ConfigureAwait(false);
        return response.Success
            ? MerchantInvoice.Decode(id, response.Output.Span)
            : throw WalletException.Usage(RevertReasons.Explain(response.RevertReason));
    }

    public static async Task<string> PaymentUriAsync(WalletSession session, Address module, ulong id, CancellationToken ct)
    {
        var output = await ModuleCalls.ViewAsync(session, null, module, new AbiWriter(1).WriteUInt64(id).ToCallData("paymentUri(uint256)"), ct).ConfigureAwait(false);
        return new AbiReader(output, "paymentUri").ReadString("uri");
    }

    /// <summary>The invoice id from the InvoiceCreated log of <paramref name="receipt"/>.</summary>
    public static ulong CreatedId(TransactionReceipt receipt, Address module)
    {
        foreach (var log in receipt.Logs)
        {
            if (log.Topics.Count >= 2 && log.Topics[0] == InvoiceCreatedTopic && Address.TryParse(log.Address, out var emitter) && emitter == module)
            {
                return UInt256.FromBigEndian(Hash32.Parse(log.Topics[1]).ToArray()).ToUInt64();
            }
        }

        throw new WalletException($"transaction {receipt.TransactionHash} succeeded but logged no InvoiceCreated; check it with `tx status`");
    }

    /// <summary>The token with <paramref name="address"/> among the node's tokens.</summary>
    public static Token TokenAt(IReadOnlyList<Token> tokens, Address address) =>
        tokens.FirstOrDefault(t => Address.TryParse(t.Address, out var a) && a == address)
        ?? throw new WalletException($"the invoice is in {address.ToChecksumString()}, which is not one of this node's tokens");
}
