namespace Ledger.Access;

/// <summary>How a principal proved who it is.</summary>
public enum AuthenticationKind
{
    /// <summary>Nobody asked: the node runs open (<c>ledger dev</c>/<c>testnet</c> on loopback, or <c>--insecure-no-auth</c>).</summary>
    Open,

    /// <summary>A JWT bearer token (HTTP <c>Authorization</c> header, gRPC <c>authorization</c> metadata, or a console cookie).</summary>
    Bearer,

    /// <summary>The client certificate of the TLS connection, mapped to roles by configuration.</summary>
    ClientCertificate,
}
