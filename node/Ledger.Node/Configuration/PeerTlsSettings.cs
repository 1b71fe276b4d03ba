using System.ComponentModel;
using Ledger.Network.Transport;

namespace Ledger.Node.Configuration;

/// <summary>
/// The <c>peerTls</c> section of the node's config (or the <c>--peer-tls-*</c> flags of <c>ledger run</c>): PEM files
/// of this node's certificate and key and of the consortium CA. When present, the gRPC port serves HTTPS (HTTP/2 over
/// TLS) and peers are dialled with https; absent (the default), the port speaks plaintext HTTP/2.
/// Relative paths in a config file are resolved against the config file's folder.
/// </summary>
public sealed record PeerTlsSettings
{
    [Description("PEM certificate of this node, issued by the consortium CA (a chain may follow the leaf); --peer-tls-cert.")]
    public string? CertificatePath { get; init; }

    [Description("PEM private key (PKCS#8 or EC/RSA) of certificatePath; --peer-tls-key.")]
    public string? KeyPath { get; init; }

    [Description("PEM certificate of the consortium CA: the only anchor peers' certificates are checked against; --peer-tls-ca.")]
    public string? TrustedCaPath { get; init; }

    [Description("Demand a client certificate from the consortium CA on the gRPC port (mutual TLS). Turning it off lets wallets " +
        "reach the gRPC API over https without a certificate; peers are then authenticated by the signed handshake alone.")]
    public bool RequireClientCertificate { get; init; } = true;

    /// <summary>The same settings with relative paths made absolute against <paramref name="baseDirectory"/>.</summary>
    public PeerTlsSettings RelativeTo(string baseDirectory) => this with
    {
        CertificatePath = Resolve(CertificatePath, baseDirectory),
        KeyPath = Resolve(KeyPath, baseDirectory),
        TrustedCaPath = Resolve(TrustedCaPath, baseDirectory),
    };

    /// <summary>
    /// Throws <see cref="NodeConfigurationException"/> naming the missing setting or the file that is absent or cannot be
    /// read as a certificate, so a node with broken TLS material stops before it opens a port.
    /// </summary>
    public void Validate()
    {
        var certificate = RequirePath(CertificatePath, nameof(CertificatePath), "--peer-tls-cert");
        var key = RequirePath(KeyPath, nameof(KeyPath), "--peer-tls-key");
        var ca = RequirePath(TrustedCaPath, nameof(TrustedCaPath), "--peer-tls-ca");
        RequireFile(certificate, nameof(CertificatePath), "certificate");
        RequireFile(key, nameof(KeyPath), "private key");
        RequireFile(ca, nameof(TrustedCaPath), "consortium CA certificate");
        // Load once now: a malformed PEM or a key of another certificate is a setup error, not a failure at first dial.
        var tls = ToPeerTlsOptions();
        try
        {
            PeerTls.LoadCertificate(tls).Dispose();
            PeerTls.LoadTrustedCa(tls)?.Dispose();
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigurationException($"invalid setting 'peerTls': {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // PeerTls wraps I/O and crypto errors, but a key of another certificate surfaces as ArgumentException.
            throw new NodeConfigurationException(
                $"invalid setting 'peerTls.keyPath': the private key '{key}' does not belong to the certificate '{certificate}' ({ex.Message})", ex);
        }
    }

    /// <summary>The Ledger.Network form, used for both the listener and the dialer. Call after <see cref="Validate"/>.</summary>
    public PeerTlsOptions ToPeerTlsOptions() => new()
    {
        CertificatePath = CertificatePath ?? throw new InvalidOperationException("peerTls.certificatePath is not set"),
        KeyPath = KeyPath ?? throw new InvalidOperationException("peerTls.keyPath is not set"),
        TrustedCaPath = TrustedCaPath,
        RequireClientCertificate = RequireClientCertificate,
    };

    private static string? Resolve(string? path, string baseDirectory) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, baseDirectory);

    private static string RequirePath(string? path, string name, string flag) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new NodeConfigurationException($"invalid setting '{SettingName(name)}': missing (set it in the config file or with {flag}); peer TLS needs a certificate, its key and the consortium CA")
            : path;

    private static void RequireFile(string path, string name, string what)
    {
        if (!File.Exists(path))
        {
            throw new NodeConfigurationException($"invalid setting '{SettingName(name)}': the {what} file '{path}' does not exist");
        }

        try
        {
            File.OpenRead(path).Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"invalid setting '{SettingName(name)}': cannot read the {what} file '{path}': {ex.Message}", ex);
        }
    }

    private static string SettingName(string name) => "peerTls." + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
