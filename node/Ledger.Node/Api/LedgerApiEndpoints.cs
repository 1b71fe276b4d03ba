using Ledger.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Node.Api;

public static class LedgerApiEndpoints
{
    /// <summary>
    /// Maps the <c>ledger.v1.LedgerApi</c> gRPC service over <paramref name="node"/>. The node is created after the
    /// host is built, so it cannot come from dependency injection; it travels to the service as a request feature.
    /// </summary>
    public static IEndpointRouteBuilder MapLedgerApi(this WebApplication app, LedgerNode node)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        var context = new LedgerApiContext(node.Backend, node.WaitForBlockAsync);
        app.Use((http, next) =>
        {
            http.Features.Set(context);
            return next(http);
        });
        app.MapGrpcService<LedgerApiService>();
        return app;
    }
}
