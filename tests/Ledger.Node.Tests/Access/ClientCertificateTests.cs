using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Ledger.Api.V1;
using Ledger.Node.Configuration;
using Ledger.TestSupport;

namespace Ledger.Node.Tests.Access;

/// <summary>
/// Client certificates as the alternative to tokens: HTTPS JSON-RPC and a separate TLS gRPC API port, each asking for
/// certificates of a client CA, mapped to roles by common name. The listeners' own certificates come from PEM files.
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private readonly ConsortiumCertificates _bank = new("bank-a-clients");
    private readonly AuthKeys _keys = new();
    private AuthNode _node = null!;

    public async Task InitializeAsync()
    {
        var (serverCert, serverKey) = _bank.Issue("node-a");
        _node = await AuthNode.StartAsync(data =>
        {
            var tls = new ServerTlsSettings { CertificatePath = serverCert, KeyPath = serverKey, ClientCaPath = _bank.CaPath };
            return new NodeOptions
            {
                RpcTls = tls,
                ApiPort = 0,
                ApiTls = tls,
                Auth = new AuthSettings
                {
                    Jwt = new JwtSettings { Hs256SecretFile = _keys.SecretPath },
                    Certificates = [new CertificateRoleSettings { CommonName = "ops-console", Roles = ["operator"] }],
                    Audit = new AuditSettings { Path = data.File("audit.log") },
                },
            };
        });
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _keys.Dispose();
        _bank.Dispose();
    }

    [Fact]
    public void The_ready_line_says_https_for_rpc_and_the_api_port()
    {
        Assert.Equal("https", _node.Rpc.Scheme);
        Assert.Equal("https", _node.Api!.Scheme);
    }

    [Fact]
    public async Task A_mapped_client_certificate_is_an_operator_and_is_audited_by_its_name()
    {
        using var http = Https(Client("ops-console"));

        var pool = await _node.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"txpool_status","params":[]}""", token: null, http);
        var content = await _node.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"txpool_content","params":[]}""", token: null, http);

        Assert.Equal(200, pool.Status);
        Assert.Contains("\"result\"", content.Body, StringComparison.Ordinal);
        var audit = await File.ReadAllTextAsync(_node.Data.File("audit.log"));
        Assert.Contains("\"subject\":\"ops-console\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"auth\":\"certificate\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unmapped_certificate_of_the_same_CA_is_401_and_a_token_still_works_over_https()
    {
        using var stranger = Https(Client("someone-else"));
        using var plain = Https(null);

        var refused = await _node.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", token: null, stranger);
        var withToken = await _node.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", _keys.Token("app", "reader"), plain);

        Assert.Equal(401, refused.Status);
        Assert.Contains("not mapped to any role", refused.Body, StringComparison.Ordinal);
        Assert.Equal(200, withToken.Status);
    }

    [Fact]
    public async Task The_gRPC_API_port_takes_the_client_certificate_too()
    {
        using var channel = GrpcChannel.ForAddress(_node.Api!, new GrpcChannelOptions { HttpHandler = Handler(Client("ops-console")) });
        using var anonymous = GrpcChannel.ForAddress(_node.Api!, new GrpcChannelOptions { HttpHandler = Handler(null) });

        var info = await new LedgerApi.LedgerApiClient(channel).GetChainInfoAsync(new GetChainInfoRequest());
        var refused = await Assert.ThrowsAsync<RpcException>(() => new LedgerApi.LedgerApiClient(anonymous).GetChainInfoAsync(new GetChainInfoRequest()).ResponseAsync);

        Assert.Equal(Support.NodeFixture.Genesis.ChainId, info.ChainId);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task With_a_separate_API_port_the_gRPC_port_serves_peers_only_and_JSON_RPC_only_on_its_port()
    {
        using var channel = GrpcChannel.ForAddress(_node.Grpc);
        var notHere = await Assert.ThrowsAsync<RpcException>(() => new LedgerApi.LedgerApiClient(channel).GetChainInfoAsync(new GetChainInfoRequest()).ResponseAsync);
        using var h2c = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var jsonRpcOnPeerPort = await h2c.PostAsync(_node.Grpc, new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(StatusCode.Unimplemented, notHere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, jsonRpcOnPeerPort.StatusCode);
    }

    private X509Certificate2 Client(string name)
    {
        var (certificate, key) = _bank.Issue(name);
        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private HttpClient Https(X509Certificate2? client) => new(Handler(client));

    private SocketsHttpHandler Handler(X509Certificate2? client)
    {
        var trusted = X509CertificateLoader.LoadCertificateFromFile(_bank.CaPath);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = client is null ? null : [client],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Ledger.Network.Transport.PeerTls.IsTrusted(certificate, errors, trusted),
            },
        };
    }
}
