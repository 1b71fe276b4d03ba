using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

/// <summary>
/// The same questions over Ethereum JSON-RPC (<c>--rpc URL</c>): eth_* for nonces, calls, logs and receipts,
/// ledger_getTokens for the token list and ledger_getAccountHistory for history (the same account index as gRPC).
/// </summary>
public sealed partial class JsonRpcLedgerClient : ILedgerClient
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FinalityTimeout = TimeSpan.FromSeconds(120);
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly bool _authenticated;
    private int _nextId;

    /// <param name="url">The node's JSON-RPC endpoint.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> on every request when the node requires authentication; null for an open node.</param>
    public JsonRpcLedgerClient(Uri url, string? bearerToken = null)
    {
        _url = url ?? throw new ArgumentNullException(nameof(url));
        _authenticated = bearerToken is not null;
        _http = new HttpClient(BearerToken.Handler(new HttpClientHandler(), bearerToken)) { Timeout = TimeSpan.FromSeconds(15) };
        Endpoint = url.ToString();
    }

    public string Endpoint { get; }

    public async Task<ChainInfo> GetChainInfoAsync(CancellationToken cancellationToken)
    {
        var chainId = Quantity(await CallAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false));
        var head = Quantity(await CallAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false));
        return new ChainInfo { ChainId = chainId, HeadNumber = head };
    }

    public async Task<IReadOnlyList<Token>> GetTokensAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync("ledger_getTokens", [], cancellationToken).ConfigureAwait(false);
        return [.. result!.AsArray().Select(t => new Token
        {
            Address = Str(t!["address"]),
            Symbol = Str(t!["symbol"]),
            Name = Str(t!["name"]),
            Currency = Str(t!["currency"]),
            Decimals = (uint)t!["decimals"]!.GetValue<int>(),
            Issuer = Str(t!["issuer"]),
        })];
    }

    public async Task<Account> GetAccountAsync(Address address, CancellationToken cancellationToken)
    {
        var head = Quantity(await CallAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false));
        var block = Hex.EncodeQuantity(head);
        var account = new Account
        {
            Address = address.ToChecksumString(),
            BlockNumber = head,
            Nonce = Quantity(await CallAsync("eth_getTransactionCount", [address.ToString(), block], cancellationToken).ConfigureAwait(false)),
            PendingNonce = Quantity(await CallAsync("eth_getTransactionCount", [address.ToString(), "pending"], cancellationToken).ConfigureAwait(false)),
        };
        var data = Hex.Encode(new AbiWriter(1).WriteAddress(address).ToCallData("balanceOf(address)"));
        foreach (var token in await GetTokensAsync(cancellationToken).ConfigureAwait(false))
        {
            var output = Str(await CallAsync("eth_call", [new JsonObject { ["to"] = token.Address, ["data"] = data }, block], cancellationToken).ConfigureAwait(false));
            account.Balances.Add(new TokenBalance { Token = token, Balance = UInt256.FromBigEndianVariable(Hex.Decode(output)).ToString() });
        }

        return account;
    }

    public async Task<Hash32> SubmitAsync(byte[] rawTransaction, CancellationToken cancellationToken)
    {
        try
        {
            return Hash32.Parse(Str(await CallAsync("eth_sendRawTransaction", [Hex.Encode(rawTransaction)], cancellationToken).ConfigureAwait(false)));
        }
        catch (JsonRpcCallException ex)
        {
            throw WalletException.Rejected($"the node refused the transaction: {ex.Message}");
        }
    }

    public async Task<TransactionReceipt> WaitForReceiptAsync(Hash32 hash, Action? onPending, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + FinalityTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await GetTransactionAsync(hash, cancellationToken).ConfigureAwait(false)
                ?? throw WalletException.Rejected($"transaction {hash} is unknown to the node (never received, or lost in a crash); send it again with `tx resend {hash}`");
            if (status.Stage == TransactionStage.Final)
            {
                return status.Receipt;
            }

            if (status.Stage == TransactionStage.Dropped)
            {
                throw WalletException.Rejected($"the node dropped transaction {hash} before it reached a block: {status.DropDetail}");
            }

            onPending?.Invoke();
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new WalletException($"transaction {hash} was not final within {FinalityTimeout.TotalSeconds:0} s; check it later with `tx status {hash}`");
    }

    public async Task<TransactionStatus?> GetTransactionAsync(Hash32 hash, CancellationToken cancellationToken)
    {
        var receipt = await CallAsync("eth_getTransactionReceipt", [hash.ToString()], cancellationToken).ConfigureAwait(false);
        if (receipt is JsonObject r)
        {
            var message = new TransactionReceipt
            {
                TransactionHash = hash.ToString(),
                Success = Quantity(r["status"]) == 1,
                BlockNumber = Quantity(r["blockNumber"]),
                BlockHash = Str(r["blockHash"]),
                TransactionIndex = (uint)Quantity(r["transactionIndex"]),
                GasUsed = Quantity(r["gasUsed"]),
                From = Str(r["from"]),
                To = r["to"] is null ? string.Empty : Str(r["to"]),
            };
            if (!message.Success)
            {
                message.RevertReason = "reverted (the JSON-RPC receipt carries no reason; use --node for it)";
            }

            foreach (var log in r["logs"]?.AsArray() ?? [])
            {
                var record = new LogRecord { Address = Str(log!["address"]), Data = Str(log["data"]) };
                record.Topics.AddRange(log["topics"]!.AsArray().Select(Str));
                message.Logs.Add(record);
            }

            return new TransactionStatus { TransactionHash = hash.ToString(), Stage = TransactionStage.Final, Receipt = message };
        }

        return await PoolStatusAsync(hash, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlockInfo> GetBlockAsync(ulong? number, CancellationToken cancellationToken)
    {
        var tag = number is { } n ? Hex.EncodeQuantity(n) : "latest";
        if (await CallAsync("eth_getBlockByNumber", [tag, false], cancellationToken).ConfigureAwait(false) is not JsonObject block)
        {
            throw WalletException.Usage($"no block {tag} on this node");
        }

        var info = new BlockInfo
        {
            Number = Quantity(block["number"]),
            Hash = Str(block["hash"]),
            ParentHash = Str(block["parentHash"]),
            TimestampMs = Quantity(block["timestamp"]) * 1000,
            Proposer = Str(block["miner"]),
            StateRoot = Str(block["stateRoot"]),
            GasUsed = Quantity(block["gasUsed"]),
            GasLimit = Quantity(block["gasLimit"]),
        };
        info.TransactionHashes.AddRange(block["transactions"]!.AsArray().Select(Str));
        return info;
    }

    public async Task<IReadOnlyList<Module>> GetModulesAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync("ledger_getModules", [], cancellationToken).ConfigureAwait(false);
        return [.. result!.AsArray().Select(m => new Module { Name = Str(m!["name"]), Address = Str(m["address"]), AbiJson = m["abi"]?.ToJsonString() ?? "[]" })];
    }

    public async Task<CallResponse> ViewAsync(Address? from, Address to, byte[] data, CancellationToken cancellationToken)
    {
        var call = new JsonObject { ["to"] = to.ToString(), ["data"] = Hex.Encode(data) };
        if (from is { } sender)
        {
            call["from"] = sender.ToString();
        }

        try
        {
            var output = Str(await CallAsync("eth_call", [call, "latest"], cancellationToken).ConfigureAwait(false));
            return new CallResponse { Success = true, Output = Google.Protobuf.ByteString.CopyFrom(Hex.Decode(output)) };
        }
        catch (JsonRpcCallException ex)
        {
            // geth's form: "execution reverted: <reason>"; the reason is what the user needs.
            const string Prefix = "execution reverted: ";
            var reason = ex.Message.StartsWith(Prefix, StringComparison.Ordinal) ? ex.Message[Prefix.Length..] : ex.Message;
            return new CallResponse { Success = false, RevertReason = reason };
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _nextId), ["method"] = method, ["params"] = parameters };
        JsonNode? response;
        try
        {
            using var http = await _http.PostAsJsonAsync(_url, request, cancellationToken).ConfigureAwait(false);
            if (http.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                var reason = http.Headers.WwwAuthenticate.ToString();
                throw WalletException.Unreachable(_authenticated
                    ? $"{Endpoint} refused the token of --token-file ({reason})"
                    : $"{Endpoint} requires authentication: pass --token-file with a token from its operator");
            }

            if (!http.IsSuccessStatusCode)
            {
                throw WalletException.Unreachable($"{Endpoint} answered HTTP {(int)http.StatusCode} to {method}; is it a Ledger JSON-RPC endpoint?");
            }

            response = await http.Content.ReadFromJsonAsync<JsonNode>(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw WalletException.Unreachable($"cannot reach the node at {Endpoint}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw WalletException.Unreachable($"the node at {Endpoint} did not answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }
        catch (JsonException ex)
        {
            throw WalletException.Unreachable($"{Endpoint} did not answer with JSON; is it a Ledger JSON-RPC endpoint?", ex);
        }

        if (response?["error"] is JsonObject error)
        {
            throw new JsonRpcCallException(error["message"]?.GetValue<string>() ?? $"{method} failed");
        }

        return response?["result"];
    }

    private static string Str(JsonNode? node) =>
        node?.GetValue<string>() ?? throw new WalletException("the node's JSON-RPC answer lacks a field the wallet needs");

    private static ulong Quantity(JsonNode? node) =>
        Hex.TryDecodeQuantity(Str(node), out var value) ? value : throw new WalletException($"the node's JSON-RPC answer has a malformed quantity {node}");

    private static string ParseInvariant(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
