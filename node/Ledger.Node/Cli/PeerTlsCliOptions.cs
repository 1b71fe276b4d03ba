using System.CommandLine;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// The peer TLS flags of <c>ledger run</c>. Each overrides the matching <see cref="PeerTlsSettings"/> path of the config
/// file's <c>peerTls</c> section; giving any of them turns peer TLS on, and the settings' validation then names whichever
/// of the three files is still missing.
/// </summary>
internal sealed class PeerTlsCliOptions
{
    private readonly Option<FileInfo> _certificate = new("--peer-tls-cert")
    {
        Description = "PEM certificate of this node from the consortium CA; turns peer TLS (https on the gRPC port) on.",
    };

    private readonly Option<FileInfo> _key = new("--peer-tls-key") { Description = "PEM private key of --peer-tls-cert." };

    private readonly Option<FileInfo> _ca = new("--peer-tls-ca") { Description = "PEM certificate of the consortium CA that peers' certificates must chain to." };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_certificate);
        command.Options.Add(_key);
        command.Options.Add(_ca);
    }

    /// <summary><paramref name="settings"/> (from the config file, may be null) with the flags given applied.</summary>
    public PeerTlsSettings? Apply(ParseResult parse, PeerTlsSettings? settings)
    {
        var certificate = parse.GetValue(_certificate)?.FullName;
        var key = parse.GetValue(_key)?.FullName;
        var ca = parse.GetValue(_ca)?.FullName;
        if (certificate is null && key is null && ca is null)
        {
            return settings;
        }

        settings ??= new PeerTlsSettings();
        return settings with
        {
            CertificatePath = certificate ?? settings.CertificatePath,
            KeyPath = key ?? settings.KeyPath,
            TrustedCaPath = ca ?? settings.TrustedCaPath,
        };
    }
}
