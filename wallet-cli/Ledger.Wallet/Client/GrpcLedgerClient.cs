using Grpc.Core;
using Grpc.Net.Client;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Client;

/// <summary>The node's gRPC API (api.proto, <c>ledger.v1.LedgerApi</c>).</summary>
public sealed class GrpcLedgerClient : ILedgerClient
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FinalityTimeout = TimeSpan.FromSeconds(120);
    private readonly GrpcChannel _channel;
    private readonly LedgerApi.LedgerApiClient _api;
    private readonly bool _authenticated;

    /// <param name="address">The node's gRPC API.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> on every call when the node requires authentication; null for an open node.</param>
    public GrpcLedgerClient(Uri address, string? bearerToken = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        Endpoint = $"{address.Host}:{address.Port}";
        _authenticated = bearerToken is not null;

        // The header is added by an HTTP handler rather than gRPC call credentials, which Grpc.Net.Client refuses on
        // plaintext channels: a loopback or internal node without TLS still gets the token.
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = BearerToken.Handler(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), EnableMultipleHttp2Connections = true }, bearerToken),
        });
        _api = new LedgerApi.LedgerApiClient(_channel);
    }

    public string Endpoint { get; }

    public Task<ChainInfo> GetChainInfoAsync(CancellationToken cancellationToken) =>
        Unary(() => _api.GetChainInfoAsync(new GetChainInfoRequest(), Options(cancellationToken)).ResponseAsync);

    public async Task<IReadOnlyList<Token>> GetTokensAsync(CancellationToken cancellationToken) =>
        (await Unary(() => _api.GetTokensAsync(new GetTokensRequest(), Options(cancellationToken)).ResponseAsync).ConfigureAwait(false)).Tokens;

    public Task<Account> GetAccountAsync(Address address, CancellationToken cancellationToken) =>
        Unary(() => _api.GetAccountAsync(new GetAccountRequest { Address = address.ToString() }, Options(cancellationToken)).ResponseAsync);

    public async Task<Hash32> SubmitAsync(byte[] rawTransaction, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _api.SubmitTransactionAsync(
                new SubmitTransactionRequest { RawTransaction = Google.Protobuf.ByteString.CopyFrom(rawTransaction) },
                Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            return Hash32.Parse(response.TransactionHash);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.ResourceExhausted)
        {
            throw WalletException.Rejected($"the node refused the transaction: {ex.Status.Detail}");
        }
        catch (RpcException ex)
        {
            throw Translate(ex);
        }
    }

    public async Task<TransactionReceipt> WaitForReceiptAsync(Hash32 hash, Action? onPending, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FinalityTimeout);
        try
        {
            using var call = _api.WatchTransaction(new WatchTransactionRequest { TransactionHash = hash.ToString() }, cancellationToken: timeout.Token);
            while (await call.ResponseStream.MoveNext(timeout.Token).ConfigureAwait(false))
            {
                var status = call.ResponseStream.Current;
                if (status.Stage == TransactionStage.Final)
                {
                    return status.Receipt;
                }

                if (status.Stage == TransactionStage.Dropped)
                {
                    throw WalletException.Rejected($"the node dropped transaction {hash} before it reached a block: {status.DropDetail}");
                }

                onPending?.Invoke();
            }

            throw new WalletException($"the node closed the watch of {hash} before the transaction was final; check it with `tx status {hash}`");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WalletException($"transaction {hash} was not final within {FinalityTimeout.TotalSeconds:0} s; check it later with `tx status {hash}`");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw WalletException.Rejected($"the node dropped transaction {hash} before it reached a block: {ex.Status.Detail}");
        }
        catch (RpcException ex)
        {
            throw Translate(ex);
        }
    }

    public async Task<TransactionStatus?> GetTransactionAsync(Hash32 hash, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.GetTransactionAsync(new GetTransactionRequest { TransactionHash = hash.ToString() }, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException ex)
        {
            throw Translate(ex);
        }
    }

    public Task<BlockInfo> GetBlockAsync(ulong? number, CancellationToken cancellationToken) =>
        Unary(() => _api.GetBlockAsync(
            number is { } n ? new GetBlockRequest { Number = n } : new GetBlockRequest { Latest = true },
            Options(cancellationToken)).ResponseAsync);

    public async Task<IReadOnlyList<Module>> GetModulesAsync(CancellationToken cancellationToken) =>
        (await Unary(() => _api.GetModulesAsync(new GetModulesRequest(), Options(cancellationToken)).ResponseAsync).ConfigureAwait(false)).Modules;

    public Task<GetHistoryResponse> GetHistoryAsync(GetHistoryRequest request, CancellationToken cancellationToken) =>
        Unary(() => _api.GetHistoryAsync(request, Options(cancellationToken)).ResponseAsync);

    public Task<CallResponse> ViewAsync(Address? from, Address to, byte[] data, CancellationToken cancellationToken) =>
        Unary(() => _api.CallAsync(
            new CallRequest { From = from?.ToString() ?? string.Empty, To = to.ToString(), Data = Google.Protobuf.ByteString.CopyFrom(data) },
            Options(cancellationToken)).ResponseAsync);

    public void Dispose() => _channel.Dispose();

    private static CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.Add(CallTimeout), cancellationToken: cancellationToken);

    private async Task<T> Unary<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Translate(ex);
        }
    }

    private WalletException Translate(RpcException ex) => ex.StatusCode switch
    {
        StatusCode.Unavailable => WalletException.Unreachable($"cannot reach the node at {Endpoint}: is `ledger dev` running there? ({ex.Status.Detail})", ex),
        StatusCode.DeadlineExceeded => WalletException.Unreachable($"the node at {Endpoint} did not answer within {CallTimeout.TotalSeconds:0} s", ex),
        StatusCode.Unauthenticated => WalletException.Unreachable(_authenticated
            ? $"the node at {Endpoint} refused the token of --token-file: {ex.Status.Detail}"
            : $"the node at {Endpoint} requires authentication: pass --token-file with a token from its operator ({ex.Status.Detail})", ex),
        StatusCode.PermissionDenied => WalletException.Rejected($"the node at {Endpoint} does not allow this call with your token: {ex.Status.Detail}"),
        StatusCode.Unimplemented => WalletException.Unreachable($"{Endpoint} does not serve the Ledger wallet API (is it the node's --grpc-port?)", ex),
        StatusCode.InvalidArgument or StatusCode.NotFound => WalletException.Usage(ex.Status.Detail),
        _ => new WalletException($"the node at {Endpoint} answered with an error: {ex.Status.Detail}", ex),
    };
}
