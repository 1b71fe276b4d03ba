using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Node.Api;
using Ledger.Node.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Tests.Api;

/// <summary>
/// The <c>ledger.v1.LedgerApi</c> gRPC service in process: an in-memory node behind Kestrel on a free 127.0.0.1
/// port, called through the generated client, so the wire format, status codes and reflection are what a wallet
/// or grpcurl sees.
/// </summary>
public sealed class LedgerApiServiceTests : IAsyncLifetime
{
    private readonly NodeFixture _fixture = new();
    private WebApplication? _app;
    private GrpcChannel? _channel;

    private LedgerApi.LedgerApiClient Client => new(_channel!);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddLedgerApi();
        _app = builder.Build();
        _app.MapLedgerApi(_fixture.Node);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task Chain_info_names_the_dev_chain_and_its_head()
    {
        var info = await Client.GetChainInfoAsync(new GetChainInfoRequest());

        Assert.Equal(NodeFixture.Genesis.ChainId, info.ChainId);
        Assert.Equal(_fixture.Node.Chain.HeadNumber, info.HeadNumber);
        Assert.StartsWith("0x", info.HeadHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_runs_a_view_against_the_head_state()
    {
        var data = new AbiWriter().WriteAddress(NodeFixture.Account(1)).ToCallData("balanceOf(address)");

        var response = await Client.CallAsync(new Ledger.Api.V1.CallRequest { To = NodeFixture.Token.ToString(), Data = Google.Protobuf.ByteString.CopyFrom(data) });

        Assert.True(response.Success, response.RevertReason);
        Assert.Equal(_fixture.BalanceOf(NodeFixture.Account(1)), UInt256.FromBigEndian(response.Output.Span));
        Assert.Equal(_fixture.Node.Chain.HeadNumber, response.BlockNumber);
    }

    [Fact]
    public async Task A_reverting_view_is_an_answer_with_its_reason_not_an_error()
    {
        var stranger = Address.Parse("0x00000000000000000000000000000000000000aa");
        var data = new AbiWriter().WriteAddress(stranger).ToCallData("identityOf(address)");
        var registry = NodeFixture.Genesis.Modules["IdentityRegistry"];

        var response = await Client.CallAsync(new Ledger.Api.V1.CallRequest { To = registry.ToString(), Data = Google.Protobuf.ByteString.CopyFrom(data) });

        Assert.False(response.Success);
        Assert.False(string.IsNullOrWhiteSpace(response.RevertReason));
        Assert.True(response.Output.IsEmpty);
    }

    [Fact]
    public async Task Call_with_a_malformed_address_is_invalid_argument_in_plain_words()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.CallAsync(new Ledger.Api.V1.CallRequest { To = "0x1234" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'0x1234' is not an address", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitted_transfer_is_pending_then_final_with_its_receipt()
    {
        var transfer = NodeFixture.SignTransfer(1, 0, 2, 125);

        var submitted = await Client.SubmitTransactionAsync(new SubmitTransactionRequest { RawTransaction = Google.Protobuf.ByteString.CopyFrom(transfer.Raw) });
        var pending = await Client.GetTransactionAsync(new GetTransactionRequest { TransactionHash = submitted.TransactionHash });
        Assert.NotNull(_fixture.Node.Producer.ProduceBlock());
        var final = await Client.GetTransactionAsync(new GetTransactionRequest { TransactionHash = submitted.TransactionHash });

        Assert.Equal(transfer.Hash.ToString(), submitted.TransactionHash);
        Assert.Equal(TransactionStage.Pending, pending.Stage);
        Assert.Equal(TransactionStage.Final, final.Stage);
        Assert.True(final.Receipt.Success, final.Receipt.RevertReason);
        Assert.Equal(NodeFixture.Account(1).ToChecksumString(), final.Receipt.From);
    }

    [Fact]
    public async Task History_comes_from_the_account_index_with_kind_counterparty_and_change()
    {
        var transfer = NodeFixture.SignTransfer(1, 0, 2, 125);
        await Client.SubmitTransactionAsync(new SubmitTransactionRequest { RawTransaction = Google.Protobuf.ByteString.CopyFrom(transfer.Raw) });
        Assert.NotNull(_fixture.Node.Producer.ProduceBlock());

        var history = await Client.GetHistoryAsync(new GetHistoryRequest { Address = NodeFixture.Account(1).ToChecksumString(), PageSize = 5 });
        var received = await Client.GetHistoryAsync(new GetHistoryRequest { Address = NodeFixture.Account(2).ToChecksumString(), Kinds = { "transfer" } });

        var entry = Assert.Single(history.Entries, e => e.TransactionHash == transfer.Hash.ToString());
        Assert.Equal(("DepositToken:" + NodeFixture.Genesis.Tokens[0].Symbol, "transfer", "-125", "125"), (entry.Module, entry.Kind, entry.Change, entry.Amount));
        Assert.Equal((TransferDirection.Sent, NodeFixture.Account(2).ToChecksumString()), (entry.Direction, entry.Counterparty));
        Assert.Equal(_fixture.Node.Chain.HeadNumber, history.AsOfBlock);
        var other = Assert.Single(received.Entries);
        Assert.Equal((TransferDirection.Received, "125", NodeFixture.Account(1).ToChecksumString()), (other.Direction, other.Change, other.Counterparty));
        // The opening balances from genesis are the oldest entries: every page before them carries a cursor.
        var page = await Client.GetHistoryAsync(new GetHistoryRequest { Address = NodeFixture.Account(1).ToChecksumString(), PageSize = 1 });
        var rest = await Client.GetHistoryAsync(new GetHistoryRequest { Address = NodeFixture.Account(1).ToChecksumString(), PageSize = 500, PageToken = page.NextPageToken });
        Assert.Equal(transfer.Hash.ToString(), Assert.Single(page.Entries).TransactionHash);
        Assert.All(rest.Entries, e => Assert.Equal("opening-balance", e.Kind));
        Assert.Equal(string.Empty, rest.NextPageToken);
    }

    [Theory]
    [InlineData("page_token", "is not one this server returned")]
    [InlineData("kinds", "unknown kind 'payment'")]
    [InlineData("page", "give a page number or a cursor, not both")]
    [InlineData("page_size", "above the most one page holds (500)")]
    public async Task Malformed_history_requests_are_invalid_argument_with_the_reason(string field, string reason)
    {
        var request = new GetHistoryRequest { Address = NodeFixture.Account(1).ToChecksumString() };
        switch (field)
        {
            case "page_token":
                request.PageToken = "12";
                break;
            case "kinds":
                request.Kinds.Add("payment");
                break;
            case "page":
                request.Page = 2;
                request.PageToken = new Core.Records.HistoryCursor(1, 0).Encode();
                break;
            default:
                request.PageSize = 501;
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetHistoryAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(reason, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undecodable_transaction_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SubmitTransactionAsync(new SubmitTransactionRequest { RawTransaction = Google.Protobuf.ByteString.CopyFrom(0xc1, 0x80, 0x00) }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
    }

    [Fact]
    public async Task Unknown_transaction_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetTransactionAsync(new GetTransactionRequest { TransactionHash = "0x" + new string('a', 64) }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Server_reflection_lists_the_ledger_api()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_channel!);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("ledger.v1.LedgerApi", services);
    }
}
