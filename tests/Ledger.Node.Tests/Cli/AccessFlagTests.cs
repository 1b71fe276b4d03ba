using Ledger.Access.Tokens;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Tests.Access;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Cli;

/// <summary><c>ledger run</c>'s access flags and its refusal to face a network unauthenticated; <c>ledger token issue</c>.</summary>
public sealed class AccessFlagTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly AuthKeys _keys = new();
    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        _keys.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("--rpc-host", "0.0.0.0", "JSON-RPC on 0.0.0.0")]
    [InlineData("--grpc-host", "0.0.0.0", "the gRPC client API (on the gRPC port")]
    public async Task Run_refuses_a_non_loopback_client_surface_without_authentication(string flag, string host, string named)
    {
        var code = await RunAsync(flag, host);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains($"refusing to serve {named}", _cli.Error, StringComparison.Ordinal);
        Assert.Contains("--insecure-no-auth", _cli.Error, StringComparison.Ordinal);
        Assert.Null(_cli.Launch);
    }

    [Fact]
    public async Task Peers_may_face_the_network_when_the_client_API_has_its_own_loopback_port()
    {
        var code = await RunAsync("--grpc-host", "0.0.0.0", "--api-port", "0");

        Assert.Equal(0, code);
        Assert.Equal("0.0.0.0", _cli.Launch!.Options.EffectiveGrpcHost);
        Assert.Equal("127.0.0.1", _cli.Launch.Options.EffectiveApiHost);
    }

    [Fact]
    public async Task Insecure_no_auth_is_the_explicit_way_to_run_open_on_a_network()
    {
        var code = await RunAsync("--rpc-host", "0.0.0.0", "--insecure-no-auth");

        Assert.Equal(0, code);
        Assert.True(_cli.Launch!.Options.InsecureNoAuth);
    }

    [Fact]
    public async Task A_bearer_key_turns_authentication_on_and_allows_a_public_bind()
    {
        var code = await RunAsync("--rpc-host", "0.0.0.0", "--auth-jwt-secret-file", _keys.SecretPath, "--auth-jwt-public-key", _keys.PublicKeyPath, "--rpc-api", "eth,net");

        Assert.Equal(0, code);
        var options = _cli.Launch!.Options;
        Assert.True(options.Auth!.Enabled);
        Assert.Equal(_keys.SecretPath, options.Auth.Jwt!.Hs256SecretFile);
        Assert.Equal([_keys.PublicKeyPath], options.Auth.Jwt.PublicKeys);
        Assert.Equal(["eth", "net"], options.JsonRpc.Apis);
    }

    [Fact]
    public async Task The_auth_section_of_a_config_file_resolves_paths_against_its_folder()
    {
        var folder = Directory.CreateDirectory(_temp.File("conf")).FullName;
        File.Copy(_keys.SecretPath, Path.Combine(folder, "jwt.secret"));
        File.SetUnixFileMode(Path.Combine(folder, "jwt.secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Path.Combine(folder, "node.json");
        await File.WriteAllTextAsync(config, """
            {
              "rpcHost": "0.0.0.0",
              "auth": {
                "jwt": { "hs256SecretFile": "jwt.secret", "clockSkewSeconds": 5 },
                "roles": { "payments": { "methods": ["eth_sendRawTransaction", "eth_getTransactionReceipt"] } },
                "certificates": [ { "commonName": "ops-console", "roles": ["operator"] } ],
                "metricsRequireAuth": false,
                "audit": { "path": "audit/ops.log", "maxFiles": 3 }
              }
            }
            """);

        var code = await RunAsync("--config", config);

        Assert.Equal(0, code);
        var auth = _cli.Launch!.Options.Auth!;
        Assert.Equal(Path.Combine(folder, "jwt.secret"), auth.Jwt!.Hs256SecretFile);
        Assert.Equal(Path.Combine(folder, "audit", "ops.log"), auth.Audit.Path);
        Assert.False(auth.MetricsRequireAuth);
        Assert.Equal(["eth_sendRawTransaction", "eth_getTransactionReceipt"], auth.Roles["payments"].Methods);
    }

    [Fact]
    public void A_certificate_rule_naming_an_unknown_role_is_a_setup_error()
    {
        var settings = new AuthSettings { Certificates = [new CertificateRoleSettings { CommonName = "x", Roles = ["superuser"] }] };

        var error = Assert.Throws<NodeConfigurationException>(() => Node.Access.NodeAccess.CreateGate(settings, _temp.Path));

        Assert.Contains("auth.certificates[0].roles", error.Message, StringComparison.Ordinal);
        Assert.Contains("superuser", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_issue_prints_only_the_token_on_standard_output_and_the_node_accepts_it()
    {
        var account = DevKeys.Address(3);

        var code = await _cli.RunAsync("token", "issue", "--subject", "payments-app", "--role", "submitter", "--secret-file", _keys.SecretPath, "--ttl", "15m", "--accounts", account.ToString());

        Assert.Equal(0, code);
        var token = _cli.Output.Trim();
        Assert.DoesNotContain(token, _cli.Error, StringComparison.Ordinal);
        Assert.Contains("payments-app", _cli.Error, StringComparison.Ordinal);
        var validator = new JwtValidator(new JwtValidatorOptions { Keys = [JwtKeys.LoadSecret(_keys.SecretPath)] });
        var result = await validator.ValidateAsync(token);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("payments-app", result.Principal.Subject);
        Assert.Equal(["submitter"], result.Principal.Roles);
        Assert.True(result.Principal.MayAccess(account));
        Assert.InRange(result.Principal.ExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Token_issue_signs_ES256_with_a_private_key_file()
    {
        var code = await _cli.RunAsync("token", "issue", "--subject", "ops", "--role", "operator", "--key-file", _keys.PrivateKeyPath);

        Assert.Equal(0, code);
        var validator = new JwtValidator(new JwtValidatorOptions { Keys = [JwtKeys.LoadPublicKey(_keys.PublicKeyPath)] });
        Assert.True((await validator.ValidateAsync(_cli.Output.Trim())).Succeeded);
    }

    [Theory]
    [InlineData("--ttl", "forever", "is not a duration")]
    [InlineData("--accounts", "0x12", "is not a 0x address")]
    public async Task Token_issue_refuses_bad_values(string flag, string value, string expected)
    {
        var code = await _cli.RunAsync("token", "issue", "--subject", "x", "--role", "reader", "--secret-file", _keys.SecretPath, flag, value);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains(expected, _cli.Error, StringComparison.Ordinal);
        Assert.Equal("", _cli.Output);
    }

    [Fact]
    public async Task Token_issue_needs_exactly_one_signing_key()
    {
        var code = await _cli.RunAsync("token", "issue", "--subject", "x", "--role", "reader", "--secret-file", _keys.SecretPath, "--key-file", _keys.PrivateKeyPath);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains("exactly one of --secret-file", _cli.Error, StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] extra)
    {
        var genesis = _temp.File("genesis.json");
        File.WriteAllText(genesis, NodeFixture.Genesis.ToJson());
        var key = _temp.File("validator.key");
        if (!File.Exists(key))
        {
            File.WriteAllText(key, Convert.ToHexStringLower(DevKeys.PrivateKey(10)) + "\n");
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return _cli.RunAsync(["run", "--genesis", genesis, "--key", key, "--data", _temp.File("data"), "--rpc-port", "0", "--grpc-port", "0", .. extra]);
    }
}
