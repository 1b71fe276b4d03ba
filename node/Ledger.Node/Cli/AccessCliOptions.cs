using System.CommandLine;
using System.Net;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// The access flags of <c>ledger run</c>: interfaces, client TLS, bearer keys, audit log and the explicit opt-out. Each
/// overrides the matching setting of the config file; a flag not given leaves it as it was.
/// </summary>
internal sealed class AccessCliOptions
{
    private readonly Option<string> _rpcHost = Host("--rpc-host", "Interface of JSON-RPC, /health and /metrics (default 127.0.0.1). A non-loopback one needs authentication.");
    private readonly Option<string> _grpcHost = Host("--grpc-host", "Interface of the gRPC (peer) port (default: --rpc-host).");
    private readonly Option<string> _apiHost = Host("--api-host", "Interface of the separate gRPC client API port (default: --rpc-host).");
    private readonly Option<int?> _apiPort = new("--api-port") { Description = "Serve the gRPC client API on its own port (0 picks one); the gRPC port then serves peers only." };
    private readonly Option<FileInfo> _rpcTlsCert = new("--rpc-tls-cert") { Description = "PEM certificate for HTTPS/WSS on the JSON-RPC port (reloaded when the file changes)." };
    private readonly Option<FileInfo> _rpcTlsKey = new("--rpc-tls-key") { Description = "PEM private key of --rpc-tls-cert." };
    private readonly Option<FileInfo> _rpcTlsClientCa = new("--rpc-tls-client-ca") { Description = "PEM CA of client certificates accepted on the JSON-RPC port (mapped to roles by auth.certificates)." };
    private readonly Option<FileInfo> _apiTlsCert = new("--api-tls-cert") { Description = "PEM certificate for TLS on the --api-port listener (reloaded when the file changes)." };
    private readonly Option<FileInfo> _apiTlsKey = new("--api-tls-key") { Description = "PEM private key of --api-tls-cert." };
    private readonly Option<FileInfo> _apiTlsClientCa = new("--api-tls-client-ca") { Description = "PEM CA of client certificates accepted on the --api-port listener." };
    private readonly Option<FileInfo> _jwtSecret = new("--auth-jwt-secret-file") { Description = "HS256 secret file (>= 32 bytes, mode 0600): bearer tokens signed with it are accepted. Turns authentication on." };
    private readonly Option<FileInfo[]> _jwtPublicKeys = new("--auth-jwt-public-key") { Description = "PEM public key (ES256 P-256 or RS256) of a token issuer; repeatable. Turns authentication on." };
    private readonly Option<FileInfo> _auditLog = new("--audit-log") { Description = "Audit log file of operator and regulator calls (default DATA/audit/operator.log when authentication is on)." };
    private readonly Option<bool> _insecureNoAuth = new("--insecure-no-auth") { Description = "Serve client APIs on a non-loopback interface WITHOUT authentication. Never in production." };

    public AccessCliOptions()
    {
        _rpcTlsCert.AcceptExistingOnly();
        _rpcTlsKey.AcceptExistingOnly();
        _rpcTlsClientCa.AcceptExistingOnly();
        _apiTlsCert.AcceptExistingOnly();
        _apiTlsKey.AcceptExistingOnly();
        _apiTlsClientCa.AcceptExistingOnly();
        _jwtSecret.AcceptExistingOnly();
        _jwtPublicKeys.AcceptExistingOnly();
    }

    public void AddTo(Command command)
    {
        Option[] all =
        [
            _rpcHost, _grpcHost, _apiHost, _apiPort, _rpcTlsCert, _rpcTlsKey, _rpcTlsClientCa, _apiTlsCert, _apiTlsKey, _apiTlsClientCa,
            _jwtSecret, _jwtPublicKeys, _auditLog, _insecureNoAuth,
        ];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="options"/> with the flags given applied.</summary>
    public NodeOptions Apply(ParseResult parse, NodeOptions options)
    {
        var auth = options.Auth;
        var secret = parse.GetValue(_jwtSecret)?.FullName;
        var publicKeys = parse.GetValue(_jwtPublicKeys);
        if (secret is not null || publicKeys is { Length: > 0 })
        {
            auth ??= new AuthSettings();
            var jwt = auth.Jwt ?? new JwtSettings();
            auth = auth with
            {
                Jwt = jwt with
                {
                    Hs256SecretFile = secret ?? jwt.Hs256SecretFile,
                    PublicKeys = publicKeys is { Length: > 0 } ? [.. jwt.PublicKeys, .. publicKeys.Select(k => k.FullName)] : jwt.PublicKeys,
                },
            };
        }

        if (parse.GetValue(_auditLog) is { } audit)
        {
            auth ??= new AuthSettings();
            auth = auth with { Audit = auth.Audit with { Path = audit.FullName } };
        }

        return options with
        {
            RpcHost = parse.GetValue(_rpcHost) ?? options.RpcHost,
            GrpcHost = parse.GetValue(_grpcHost) ?? options.GrpcHost,
            ApiHost = parse.GetValue(_apiHost) ?? options.ApiHost,
            ApiPort = parse.GetValue(_apiPort) ?? options.ApiPort,
            RpcTls = Tls(parse, options.RpcTls, _rpcTlsCert, _rpcTlsKey, _rpcTlsClientCa),
            ApiTls = Tls(parse, options.ApiTls, _apiTlsCert, _apiTlsKey, _apiTlsClientCa),
            Auth = auth,
            InsecureNoAuth = parse.GetValue(_insecureNoAuth) || options.InsecureNoAuth,
        };
    }

    private static ServerTlsSettings? Tls(ParseResult parse, ServerTlsSettings? settings, Option<FileInfo> cert, Option<FileInfo> key, Option<FileInfo> ca)
    {
        var certificate = parse.GetValue(cert)?.FullName;
        var keyPath = parse.GetValue(key)?.FullName;
        var caPath = parse.GetValue(ca)?.FullName;
        if (certificate is null && keyPath is null && caPath is null)
        {
            return settings;
        }

        settings ??= new ServerTlsSettings();
        return settings with
        {
            CertificatePath = certificate ?? settings.CertificatePath,
            KeyPath = keyPath ?? settings.KeyPath,
            ClientCaPath = caPath ?? settings.ClientCaPath,
        };
    }

    private static Option<string> Host(string name, string description)
    {
        var option = new Option<string>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !IPAddress.TryParse(result.Tokens[0].Value, out _))
            {
                result.AddError($"{name} '{result.Tokens[0].Value}' is not an IP address");
            }
        });
        return option;
    }
}
