using System.Globalization;
using Grpc.Core;
using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.JsonRpc;

namespace Ledger.Node.Api;

public sealed partial class LedgerApiService
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private static readonly Hash32 TransferTopic = AbiTopic.OfEvent("Transfer(address,address,uint256)");

    public override Task<GetHistoryResponse> GetHistory(GetHistoryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = Context(context).Backend;
        var account = ApiMapper.ParseAddress(request.Address, "address");
        var tokens = SelectTokens(backend, request.Token);
        var pageSize = request.PageSize == 0 ? DefaultPageSize : (int)Math.Min(request.PageSize, MaxPageSize);
        var offset = 0;
        if (request.PageToken.Length > 0 && (!int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw ApiErrors.InvalidArgument($"page_token '{request.PageToken}' is not one this server returned");
        }

        Address? counterparty = request.Counterparty.Length == 0 ? null : ApiMapper.ParseAddress(request.Counterparty, "counterparty");
        var head = backend.HeadNumber;
        var addresses = tokens.Select(t => t.Address).ToArray();
        var accountTopic = AbiTopic.FromAddress(account);
        // Two queries (as sender, as receiver) because a topic filter ANDs positions; a self-transfer matches both.
        var sent = backend.GetLogs(new LogFilter(0, head, addresses, [[TransferTopic], [accountTopic]]));
        var received = backend.GetLogs(new LogFilter(0, head, addresses, [[TransferTopic], null, [accountTopic]]));
        var timestamps = new Dictionary<ulong, ulong>();
        var all = sent.Concat(received)
            .DistinctBy(m => (m.BlockNumber, m.LogIndex))
            .Where(m => counterparty is not { } other || Counterparty(m, account) == other)
            .Where(m => (request.SinceMs == 0 && request.UntilMs == 0) || InWindow(Timestamp(backend, m.BlockNumber, timestamps), request.SinceMs, request.UntilMs))
            .OrderByDescending(m => m.BlockNumber)
            .ThenByDescending(m => m.LogIndex)
            .ToList();

        var response = new GetHistoryResponse();
        var byAddress = tokens.ToDictionary(t => t.Address);
        var page = all.Skip(offset).Take(pageSize).ToList();
        // Origins only for the returned page: one transaction lookup per distinct hash, the ABIs read once.
        var catalog = page.Count == 0 ? null : new ModuleAbiCatalog(backend.Modules.Select(m => (m.Name, m.Address, m.AbiJson)));
        var origins = new Dictionary<Hash32, TransferOrigin>();
        foreach (var match in page)
        {
            var entry = ToEntry(backend, match, account, byAddress, timestamps);
            var origin = Origin(backend, catalog!, match.TransactionHash, origins);
            entry.Module = origin.Module;
            entry.Function = origin.Function;
            entry.Reference = origin.Reference;
            response.Entries.Add(entry);
        }

        if (offset + pageSize < all.Count)
        {
            response.NextPageToken = (offset + pageSize).ToString(CultureInfo.InvariantCulture);
        }

        return Task.FromResult(response);
    }

    private static List<TokenInfo> SelectTokens(ILedgerBackend backend, string token)
    {
        if (token.Length == 0)
        {
            return [.. backend.Tokens];
        }

        var found = backend.Tokens.FirstOrDefault(t =>
            string.Equals(t.Symbol, token, StringComparison.OrdinalIgnoreCase)
            || (Address.TryParse(token, out var address) && t.Address == address));
        return found is null
            ? throw ApiErrors.InvalidArgument($"unknown token '{token}' (tokens: {string.Join(", ", backend.Tokens.Select(t => t.Symbol))})")
            : [found];
    }

    private static HistoryEntry ToEntry(ILedgerBackend backend, LogMatch match, Address account, Dictionary<Address, TokenInfo> tokens, Dictionary<ulong, ulong> timestamps)
    {
        var log = match.Log;
        var from = TopicAddress(log.Topics[1]);
        var to = TopicAddress(log.Topics[2]);
        var timestamp = Timestamp(backend, match.BlockNumber, timestamps);

        return new HistoryEntry
        {
            TransactionHash = match.TransactionHash.ToString(),
            BlockNumber = match.BlockNumber,
            TimestampMs = timestamp,
            Token = ApiMapper.ToMessage(tokens[log.Address]),
            From = from.ToChecksumString(),
            To = to.ToChecksumString(),
            Amount = log.Data.Length >= 32 ? UInt256.FromBigEndian(log.Data.AsSpan(0, 32)).ToString() : "0",
            Direction = from == to ? TransferDirection.Self : from == account ? TransferDirection.Sent : TransferDirection.Received,
            LogIndex = (uint)match.LogIndex,
        };
    }

    private static TransferOrigin Origin(ILedgerBackend backend, ModuleAbiCatalog catalog, Hash32 transactionHash, Dictionary<Hash32, TransferOrigin> cache)
    {
        if (!cache.TryGetValue(transactionHash, out var origin))
        {
            var location = backend.FindTransaction(transactionHash);
            origin = location is null || location.Index >= location.Block.Transactions.Count
                ? TransferOrigin.Unknown
                : TransferOrigin.Of(catalog, location.Block.Transactions[location.Index].To, location.Block.Transactions[location.Index].Data, location.Receipt.Logs);
            cache[transactionHash] = origin;
        }

        return origin;
    }

    private static ulong Timestamp(ILedgerBackend backend, ulong blockNumber, Dictionary<ulong, ulong> cache)
    {
        if (!cache.TryGetValue(blockNumber, out var timestamp))
        {
            timestamp = backend.GetBlock(blockNumber)?.Header.TimestampMs ?? 0;
            cache[blockNumber] = timestamp;
        }

        return timestamp;
    }

    private static bool InWindow(ulong timestampMs, ulong sinceMs, ulong untilMs) =>
        timestampMs >= sinceMs && (untilMs == 0 || timestampMs < untilMs);

    /// <summary>The other side of a transfer: the receiver when the account sent, else the sender.</summary>
    private static Address Counterparty(LogMatch match, Address account)
    {
        var from = TopicAddress(match.Log.Topics[1]);
        return from == account ? TopicAddress(match.Log.Topics[2]) : from;
    }

    private static Address TopicAddress(Hash32 topic)
    {
        Span<byte> word = stackalloc byte[32];
        topic.WriteTo(word);
        return new Address(word[12..]);
    }
}
