using Ledger.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Node.Api;

/// <summary>Registers and maps the <c>ledger.v1.LedgerApi</c> gRPC service and gRPC server reflection.</summary>
public static class LedgerApiEndpoints
{
    /// <summary>
    /// gRPC plus server reflection, so <c>grpcurl -plaintext 127.0.0.1:50051 list</c> and similar tools discover
    /// the API without a copy of api.proto.
    /// </summary>
    public static IServiceCollection AddLedgerApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // One gate for every client call; the peer service and health checks are exempt inside the interceptor.
        services.AddGrpc(grpc => grpc.Interceptors.Add<Access.GrpcAccessInterceptor>());
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>
    /// Maps the <c>ledger.v1.LedgerApi</c> gRPC service over <paramref name="node"/>. The node is created after the
    /// host is built, so it cannot come from dependency injection; it travels to the service as a request feature.
    /// </summary>
    public static IEndpointRouteBuilder MapLedgerApi(this WebApplication app, LedgerNode node)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        return MapLedgerApi(app, new LedgerApiContext(node.Backend, node.WaitForBlockAsync));
    }

    /// <summary>Maps the service over any backend (in-process API tests use a fake one).</summary>
    public static IEndpointRouteBuilder MapLedgerApi(this WebApplication app, LedgerApiContext context)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(context);
        app.Use((http, next) =>
        {
            http.Features.Set(context);
            return next(http);
        });
        app.MapGrpcService<LedgerApiService>();
        app.MapGrpcReflectionService();
        return app;
    }
}
