using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Ledger.Api.V1;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Access;

/// <summary>The gRPC client API behind the gate: bearer metadata, roles, account scopes; health and the peer service stay outside.</summary>
public sealed class GrpcAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_but_health_checks_answer()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Node.Grpc);

        var error = await Assert.ThrowsAsync<RpcException>(() => new LedgerApi.LedgerApiClient(channel).GetChainInfoAsync(new GetChainInfoRequest()).ResponseAsync);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("authentication required", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated()
    {
        var token = fixture.Keys.Token("wallet", ["reader"], DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(out _).GetChainInfoAsync(new GetChainInfoRequest(), Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("expired", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_reads_but_may_not_submit()
    {
        var reader = Bearer(fixture.Keys.Token("wallet", "reader"));
        var client = Client(out var channel);
        using (channel)
        {
            var info = await client.GetChainInfoAsync(new GetChainInfoRequest(), reader);
            var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitTransactionAsync(
                new SubmitTransactionRequest { RawTransaction = Google.Protobuf.ByteString.CopyFrom(NodeFixture.SignTransfer(3, 0, 4, 1).Raw) }, reader).ResponseAsync);

            Assert.Equal(NodeFixture.Genesis.ChainId, info.ChainId);
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
            Assert.Contains("SubmitTransaction", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_limited_to_accounts_reads_their_history_and_no_one_elses()
    {
        var own = NodeFixture.Account(5);
        var token = fixture.Keys.Token("customer-app", ["reader"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1), [own]);
        var client = Client(out var channel);
        using (channel)
        {
            var history = await client.GetHistoryAsync(new GetHistoryRequest { Address = own.ToString() }, Bearer(token));
            var account = await client.GetAccountAsync(new GetAccountRequest { Address = own.ToString() }, Bearer(token));
            var other = await Assert.ThrowsAsync<RpcException>(() => client.GetHistoryAsync(new GetHistoryRequest { Address = NodeFixture.Account(6).ToString() }, Bearer(token)).ResponseAsync);
            var otherAccount = await Assert.ThrowsAsync<RpcException>(() => client.GetAccountAsync(new GetAccountRequest { Address = NodeFixture.Account(6).ToString() }, Bearer(token)).ResponseAsync);

            Assert.NotNull(history);
            Assert.Equal(own.ToString(), account.Address, ignoreCase: true);
            Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
            Assert.Equal(StatusCode.PermissionDenied, otherAccount.StatusCode);
            Assert.Contains("its own accounts", other.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unscoped_reader_reads_any_account()
    {
        var client = Client(out var channel);
        using (channel)
        {
            var history = await client.GetHistoryAsync(new GetHistoryRequest { Address = NodeFixture.Account(6).ToString() }, Bearer(fixture.Keys.Token("auditor", "reader")));

            Assert.NotNull(history);
        }
    }

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private LedgerApi.LedgerApiClient Client(out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(fixture.Node.Grpc);
        return new LedgerApi.LedgerApiClient(channel);
    }
}
