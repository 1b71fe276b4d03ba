using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli.Guardians;

/// <summary>A transfer waiting for the sender's guardian (IDepositToken.heldTransfer).</summary>
internal sealed record HeldTransfer(ulong Id, Token Token, Address From, Address To, UInt256 Amount, ulong Deadline, byte Status, string TransactionHash)
{
    public const byte Pending = 1;

    public string StatusText => Status switch
    {
        1 => "pending",
        2 => "released",
        3 => "returned",
        _ => "unknown",
    };
}

/// <summary>
/// Finding held transfers: the account index lists the sender's held payments (kind <c>held</c>, the id as
/// reference) and the token's <c>heldTransfer(id)</c> view says whether each still waits.
/// </summary>
internal static class HeldTransfers
{
    private static readonly string TransferHeldTopic = AbiTopic.OfEvent("TransferHeld(uint256,address,address,uint256,uint64)").ToString();

    /// <summary>The most recent held payments looked at per token; an older one is still reachable by id.</summary>
    private const int ScanDepth = 500;

    public static async Task<List<HeldTransfer>> FindAsync(WalletSession session, Address sender, IEnumerable<Token> tokens, bool onlyPending, CancellationToken ct)
    {
        var found = new List<HeldTransfer>();
        foreach (var token in tokens)
        {
            var request = new GetHistoryRequest { Address = sender.ToString(), Token = token.Address, PageSize = ScanDepth, Kinds = { "held" } };
            var history = await session.Client.GetHistoryAsync(request, ct).ConfigureAwait(false);
            foreach (var entry in history.Entries.Where(e => e.Direction == TransferDirection.Sent))
            {
                var held = await ReadAsync(session, token, ulong.Parse(entry.Reference, System.Globalization.CultureInfo.InvariantCulture), entry.TransactionHash, ct).ConfigureAwait(false);
                if (!onlyPending || held.Status == HeldTransfer.Pending)
                {
                    found.Add(held);
                }
            }
        }

        return found;
    }

    /// <summary>The id of the held transfer a receipt created on <paramref name="token"/>, or null when the transfer went through.</summary>
    public static ulong? HeldIdIn(TransactionReceipt receipt, string token)
    {
        foreach (var log in receipt.Logs)
        {
            if (log.Topics.Count >= 2 && log.Topics[0] == TransferHeldTopic && string.Equals(log.Address, token, StringComparison.OrdinalIgnoreCase))
            {
                return UInt256.FromBigEndian(Hash32.Parse(log.Topics[1]).ToArray()).ToUInt64();
            }
        }

        return null;
    }

    /// <summary>Held transfer <paramref name="id"/> of <paramref name="token"/>; status 0 when there is none.</summary>
    public static async Task<HeldTransfer> ReadAsync(WalletSession session, Token token, ulong id, string transactionHash, CancellationToken ct)
    {
        var output = await ModuleCalls.ViewAsync(session, null, Address.Parse(token.Address), new AbiWriter(1).WriteUInt64(id).ToCallData("heldTransfer(uint256)"), ct).ConfigureAwait(false);
        return Decode(output, token, id, transactionHash);
    }

    private static HeldTransfer Decode(byte[] output, Token token, ulong id, string transactionHash)
    {
        var reader = new AbiReader(output, "heldTransfer");
        var from = reader.ReadAddress("from");
        var to = reader.ReadAddress("to");
        var amount = reader.ReadUInt256("amount");
        var deadline = reader.ReadUInt64("deadline");
        var status = reader.ReadUInt8("status");
        return new HeldTransfer(id, token, from, to, amount, deadline, status, transactionHash);
    }
}
