using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Ledger.Access;
using Ledger.Access.Http;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Node.Access;

/// <summary>
/// The access gate in front of the gRPC client API: every call of <c>ledger.v1</c> and reflection is authenticated
/// (<c>authorization: Bearer …</c> metadata or the TLS client certificate), authorized by its full method name
/// (<c>ledger.v1.LedgerApi/GetHistory</c>), limited to the caller's accounts for account-scoped calls, and audited when
/// privileged. The peer service (<c>ledger.peer.v1</c>) has its own signed handshake and gRPC health is for load
/// balancers: both pass untouched.
/// </summary>
public sealed class GrpcAccessInterceptor(IServiceProvider services) : Interceptor
{
    private readonly AccessGate _gate = services.GetService<AccessGate>() ?? AccessGate.Open;

    /// <summary>True for calls that are not a client surface (peer links, health checks).</summary>
    public static bool IsExempt(string method) =>
        method.StartsWith("/ledger.peer.", StringComparison.Ordinal) || method.StartsWith("/grpc.health.", StringComparison.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = await AdmitAsync(request, context).ConfigureAwait(false);
        if (call is null)
        {
            return await continuation(request, context).ConfigureAwait(false);
        }

        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            call.Value.Audit(_gate, request, "ok", null);
            return response;
        }
        catch (RpcException ex)
        {
            call.Value.Audit(_gate, request, "error", (int)ex.StatusCode);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = await AdmitAsync(request, context).ConfigureAwait(false);
        if (call is null)
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return;
        }

        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            call.Value.Audit(_gate, request, "ok", null);
        }
        catch (RpcException ex)
        {
            call.Value.Audit(_gate, request, "error", (int)ex.StatusCode);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync<TRequest>(null, context).ConfigureAwait(false);
        return await continuation(requestStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync<TRequest>(null, context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    /// <summary>Throws Unauthenticated/PermissionDenied, or returns the audited call (null when not audited or exempt).</summary>
    private async Task<AuditedCall?> AdmitAsync<TRequest>(TRequest? request, ServerCallContext context)
    {
        if (IsExempt(context.Method))
        {
            return null;
        }

        var http = context.GetHttpContext();
        var auth = await _gate.AuthenticateAsync(http, AccessSurface.Grpc).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, auth.Failure.Message));
        }

        var principal = auth.Principal;
        var method = context.Method[1..];
        var decision = _gate.Authorize(principal, method);
        var call = decision.Audited ? new AuditedCall(principal, method, http.Remote()) : (AuditedCall?)null;
        if (!decision.Allowed)
        {
            call?.Audit(_gate, request, "denied", (int)StatusCode.PermissionDenied);
            throw new RpcException(new Status(StatusCode.PermissionDenied, decision.Denial!));
        }

        if (ScopedAccount(request) is { } account && !principal.MayAccess(account))
        {
            _gate.Observer?.Denied(method);
            call?.Audit(_gate, request, "denied", (int)StatusCode.PermissionDenied);
            throw new RpcException(new Status(
                StatusCode.PermissionDenied, $"{principal.Describe()} may read only its own accounts; {account.ToChecksumString()} is not one of them"));
        }

        return call;
    }

    /// <summary>The account an account-scoped request reads (history and account state); null for others or unparsable ones (the service refuses those).</summary>
    private static Address? ScopedAccount<TRequest>(TRequest? request) => request switch
    {
        GetAccountRequest r when Address.TryParse(r.Address, out var a) => a,
        GetHistoryRequest r when Address.TryParse(r.Address, out var a) => a,
        _ => null,
    };

    private readonly record struct AuditedCall(AccessPrincipal Principal, string Method, string? Remote)
    {
        public void Audit<TRequest>(AccessGate gate, TRequest? request, string result, int? code) =>
            gate.Audit(Principal, AccessSurface.Grpc, Method, request is IMessage message ? message.ToByteArray() : [], result, code, Remote);
    }
}
