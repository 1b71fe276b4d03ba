using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Cli;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Configuration;

public sealed class PeerTlsSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public PeerTlsSettingsTests() => WriteCertificates(_temp.Path);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Peer_TLS_is_off_by_default()
    {
        Assert.Null(new NodeOptions().PeerTls);
        Assert.Null(NodeOptionsFile.Parse("{}").PeerTls);
    }

    [Fact]
    public void A_config_file_turns_it_on_with_paths_relative_to_the_config_folder()
    {
        var config = _temp.File("node.json");
        File.WriteAllText(config, """{ "peerTls": { "certificatePath": "node.pem", "keyPath": "node.key", "trustedCaPath": "ca.pem" } }""");

        var tls = NodeOptionsFile.Load(config).PeerTls!;

        Assert.Equal(_temp.File("node.pem"), tls.CertificatePath);
        Assert.Equal(_temp.File("node.key"), tls.KeyPath);
        Assert.Equal(_temp.File("ca.pem"), tls.TrustedCaPath);
        Assert.True(tls.RequireClientCertificate);
        Assert.True(tls.ToPeerTlsOptions().RequireClientCertificate);
    }

    [Fact]
    public void Client_certificates_can_be_made_optional_for_wallets()
    {
        var json = """{ "peerTls": { "certificatePath": "node.pem", "keyPath": "node.key", "trustedCaPath": "ca.pem", "requireClientCertificate": false } }""";

        var tls = NodeOptionsFile.Parse(json, "node.json", _temp.Path).PeerTls!;

        Assert.False(tls.ToPeerTlsOptions().RequireClientCertificate);
    }

    [Fact]
    public void The_ready_line_shows_https_for_the_gRPC_port_when_TLS_is_on()
    {
        Assert.Equal("ledger ready rpc=http://127.0.0.1:1 grpc=https://127.0.0.1:2", NodeHost.ReadyLine("127.0.0.1", 1, 2, grpcTls: true));
        Assert.Equal("ledger ready rpc=http://127.0.0.1:1 grpc=http://127.0.0.1:2", NodeHost.ReadyLine("127.0.0.1", 1, 2));
    }

    [Theory]
    [InlineData("""{ "keyPath": "node.key", "trustedCaPath": "ca.pem" }""", "peerTls.certificatePath", "--peer-tls-cert")]
    [InlineData("""{ "certificatePath": "node.pem", "trustedCaPath": "ca.pem" }""", "peerTls.keyPath", "--peer-tls-key")]
    [InlineData("""{ "certificatePath": "node.pem", "keyPath": "node.key" }""", "peerTls.trustedCaPath", "--peer-tls-ca")]
    public void A_missing_setting_is_named_with_its_flag(string section, string setting, string flag)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeOptionsFile.Parse($$"""{ "peerTls": {{section}} }""", "node.json", _temp.Path));

        Assert.StartsWith($"node.json: invalid setting '{setting}': missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var settings = Settings() with { KeyPath = _temp.File("gone.key") };

        var error = Assert.Throws<NodeConfigurationException>(settings.Validate);

        Assert.Equal($"invalid setting 'peerTls.keyPath': the private key file '{_temp.File("gone.key")}' does not exist", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_certificate_is_refused_naming_it()
    {
        File.WriteAllText(_temp.File("junk.pem"), "not a certificate");
        var settings = Settings() with { CertificatePath = _temp.File("junk.pem") };

        var error = Assert.Throws<NodeConfigurationException>(settings.Validate);

        Assert.StartsWith("invalid setting 'peerTls': cannot load the TLS certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains(_temp.File("junk.pem"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(_temp.File("other.key"), otherKey.ExportPkcs8PrivateKeyPem());
        var settings = Settings() with { KeyPath = _temp.File("other.key") };

        var error = Assert.Throws<NodeConfigurationException>(settings.Validate);

        Assert.StartsWith($"invalid setting 'peerTls.keyPath': the private key '{_temp.File("other.key")}' does not belong to the certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_takes_the_three_flags()
    {
        var cli = new CliRunner();

        var code = await cli.RunAsync([.. RunArguments(), "--peer-tls-cert", _temp.File("node.pem"), "--peer-tls-key", _temp.File("node.key"), "--peer-tls-ca", _temp.File("ca.pem")]);

        Assert.Equal(0, code);
        var tls = cli.Launch!.Options.PeerTls!;
        Assert.Equal(_temp.File("node.pem"), tls.CertificatePath);
        Assert.Equal(_temp.File("node.key"), tls.KeyPath);
        Assert.Equal(_temp.File("ca.pem"), tls.TrustedCaPath);
    }

    [Fact]
    public async Task Run_with_a_certificate_but_no_key_stops_with_a_clear_message()
    {
        var cli = new CliRunner();

        var code = await cli.RunAsync([.. RunArguments(), "--peer-tls-cert", _temp.File("node.pem"), "--peer-tls-ca", _temp.File("ca.pem")]);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Null(cli.Launch);
        Assert.StartsWith("ledger: invalid setting 'peerTls.keyPath': missing", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_CA_file_that_does_not_exist_names_it()
    {
        var cli = new CliRunner();

        var code = await cli.RunAsync([.. RunArguments(), "--peer-tls-cert", _temp.File("node.pem"), "--peer-tls-key", _temp.File("node.key"), "--peer-tls-ca", _temp.File("nope.pem")]);

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains($"the consortium CA certificate file '{_temp.File("nope.pem")}' does not exist", cli.Error, StringComparison.Ordinal);
    }

    private PeerTlsSettings Settings() => new()
    {
        CertificatePath = _temp.File("node.pem"),
        KeyPath = _temp.File("node.key"),
        TrustedCaPath = _temp.File("ca.pem"),
    };

    private string[] RunArguments()
    {
        var genesis = _temp.File("genesis.json");
        File.WriteAllText(genesis, NodeFixture.Genesis.ToJson());
        var key = _temp.PrivateFile("validator.key", Convert.ToHexStringLower(DevKeys.PrivateKey(10)));
        return ["run", "--genesis", genesis, "--key", key, "--data", _temp.File("data"), "--grpc-port", "0"];
    }

    /// <summary>ca.pem, node.pem and node.key: a throwaway CA and a node certificate it issued.</summary>
    private static void WriteCertificates(string directory)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test-consortium-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest("CN=node", nodeKey, HashAlgorithmName.SHA256);
        using var node = nodeRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "node.pem"), node.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "node.key"), nodeKey.ExportPkcs8PrivateKeyPem());
    }
}
