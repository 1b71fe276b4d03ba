namespace Ledger.Access.Audit;

/// <summary>
/// One audited call: who (subject, roles, how authenticated, remote address), what (surface, method, SHA-256 of the
/// canonical parameters — never the parameters themselves, which may hold payment details) and the result
/// (<c>ok</c>, <c>error</c> with its code, or <c>denied</c>).
/// </summary>
public sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }

    public required string Subject { get; init; }

    public required IReadOnlyCollection<string> Roles { get; init; }

    public required AuthenticationKind Kind { get; init; }

    public required AccessSurface Surface { get; init; }

    public required string Method { get; init; }

    /// <summary>0x-prefixed hex SHA-256 of the canonical parameter bytes (JSON-RPC: compact JSON; gRPC: protobuf encoding).</summary>
    public required string ParamsSha256 { get; init; }

    public required string Result { get; init; }

    /// <summary>JSON-RPC error code or gRPC status code of a failed call; null when it succeeded.</summary>
    public int? Code { get; init; }

    public string? Remote { get; init; }
}
