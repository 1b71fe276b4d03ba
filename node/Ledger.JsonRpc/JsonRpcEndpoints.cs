using System.Buffers;
using System.Collections.Frozen;
using System.IO.Pipelines;
using Ledger.Access;
using Ledger.Access.Http;
using Ledger.JsonRpc.Modules;
using Ledger.JsonRpc.Subscriptions;
using Ledger.JsonRpc.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.JsonRpc;

/// <summary>Maps the Ethereum JSON-RPC endpoint (HTTP POST "/") onto an ASP.NET Core app.</summary>
public static class JsonRpcEndpoints
{
    private const long MaxDrainBytes = 64L * 1024 * 1024;

    /// <summary>Maps POST "/" using the <see cref="ILedgerBackend"/> registered in the app's services.</summary>
    public static IEndpointConventionBuilder MapLedgerJsonRpc(this IEndpointRouteBuilder routes, JsonRpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapLedgerJsonRpc(routes.ServiceProvider.GetRequiredService<ILedgerBackend>(), options);
    }

    /// <summary>
    /// Maps POST "/" (HTTP JSON-RPC) and GET "/" (WebSocket upgrade: JSON-RPC plus eth_subscribe) serving
    /// <paramref name="backend"/>. WebSockets need the app's WebSocket middleware: call
    /// <see cref="UseLedgerJsonRpc"/> on the application first.
    /// </summary>
    public static IEndpointConventionBuilder MapLedgerJsonRpc(this IEndpointRouteBuilder routes, ILedgerBackend backend, JsonRpcOptions options) =>
        routes.MapLedgerJsonRpc(backend, options, observer: null);

    /// <summary>As above; <paramref name="observer"/> is told about every error response (for the node's metrics).</summary>
    public static IEndpointConventionBuilder MapLedgerJsonRpc(this IEndpointRouteBuilder routes, ILedgerBackend backend, JsonRpcOptions options, IJsonRpcObserver? observer) =>
        routes.MapLedgerJsonRpc(backend, options, observer, gate: null);

    /// <summary>
    /// As above, with every request going through <paramref name="gate"/>: an HTTP request and a WebSocket upgrade are
    /// authenticated first (HTTP 401 without valid credentials), and each call is then authorized by the caller's roles.
    /// A null gate serves everyone (in-process tests, benchmarks). <paramref name="filtersCreated"/> receives the
    /// endpoint's filter table (the node exports its size as a metric).
    /// </summary>
    public static IEndpointConventionBuilder MapLedgerJsonRpc(
        this IEndpointRouteBuilder routes, ILedgerBackend backend, JsonRpcOptions options, IJsonRpcObserver? observer, AccessGate? gate, Action<FilterManager>? filtersCreated = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = routes.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Ledger.JsonRpc") ?? NullLogger.Instance;
        var time = routes.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        backend.Events.HandlerFailed += e => JsonRpcLog.EventHandlerFailed(logger, e);
        var filters = new FilterManager(backend.Events, options, time);
        filtersCreated?.Invoke(filters);
        var subscriptions = new SubscriptionManager(backend.Events, options, logger);
        routes.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(subscriptions.Dispose);
        var processor = CreateProcessor(backend, options, logger, filters, subscriptions);
        processor.Observer = observer;
        var sockets = new WebSocketEndpoint(processor, subscriptions, options, logger, time, gate);
        var http = new RateLimits(options.RateLimitPerSecond, time);
        routes.MapGet("/", sockets.HandleAsync);
        return routes.MapPost("/", async context =>
        {
            // An empty bucket is refused before the body is read; otherwise each call (of a batch too) takes a token.
            var rate = http.For(context);
            if (rate is not null && !rate.HasToken())
            {
                await RefuseRateAsync(context, options, observer).ConfigureAwait(false);
                return;
            }

            RpcCaller? caller = null;
            if (gate is not null)
            {
                var auth = await gate.AuthenticateAsync(context, AccessSurface.JsonRpcHttp).ConfigureAwait(false);
                if (!auth.Succeeded)
                {
                    await RefuseUnauthenticatedAsync(context, auth.Failure).ConfigureAwait(false);
                    return;
                }

                caller = CallerOf(gate, auth.Principal, AccessSurface.JsonRpcHttp, context);
            }

            await HandleAsync(context, processor, rate, options, logger, caller).ConfigureAwait(false);
        });
    }

    /// <summary>The caller to check per call; null when nothing would be checked or recorded (an open node without an audit log).</summary>
    internal static RpcCaller? CallerOf(AccessGate gate, AccessPrincipal principal, AccessSurface surface, HttpContext context) =>
        gate.RequiresAuthentication || gate.AuditLog is not null ? new RpcCaller(gate, principal, surface, context.Remote()) : null;

    /// <summary>HTTP 401 with a Bearer challenge and a JSON-RPC error body saying what was wrong (never echoing the credential).</summary>
    internal static async Task RefuseUnauthenticatedAsync(HttpContext context, AuthenticationFailure failure)
    {
        var response = context.Response;
        AccessHttp.SetUnauthorized(response, failure);
        response.ContentType = "application/json";
        JsonRpcProcessor.WriteError(response.BodyWriter, JsonRpcErrorCode.Unauthorized, failure.Message);
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds what the JSON-RPC endpoint needs in the pipeline: the WebSocket middleware, and CORS headers when
    /// <see cref="JsonRpcOptions.CorsOrigins"/> lists origins (none by default).
    /// </summary>
    public static IApplicationBuilder UseLedgerJsonRpc(this IApplicationBuilder app, JsonRpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.CorsOrigins.Count > 0)
        {
            app.Use(new CorsPolicy(options.CorsOrigins).InvokeAsync);
        }

        return app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
    }

    /// <summary>The processor with every module of this layer: eth_, net_, web3_, txpool_ and ledger_.</summary>
    public static JsonRpcProcessor CreateProcessor(ILedgerBackend backend, JsonRpcOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return CreateProcessor(backend, options, logger, new FilterManager(backend.Events, options), new SubscriptionManager(backend.Events, options));
    }

    /// <summary>The processor with every module, sharing the given filter and subscription state.</summary>
    public static JsonRpcProcessor CreateProcessor(ILedgerBackend backend, JsonRpcOptions options, ILogger logger, FilterManager filters, SubscriptionManager subscriptions)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var all = RpcMethodTable.Build(
            new EthRpcModule(backend, options),
            new EthFilterRpcModule(backend, options, filters),
            new EthSubscribeRpcModule(subscriptions, options),
            new TxPoolRpcModule(backend, options),
            new NetRpcModule(backend),
            new Web3RpcModule(backend),
            new LedgerRpcModule(backend),
            new LedgerStatusRpcModule(backend),
            new QbftRpcModule(backend),
            new QbftVoteRpcModule(backend));

        // Switched-off namespaces (--rpc-api) are not in the table at all: no role can reach them.
        var served = all.Where(m => options.Serves(m.Key)).ToFrozenDictionary(StringComparer.Ordinal);
        return new JsonRpcProcessor(served, options, logger, all.Keys.Where(m => !options.Serves(m)));
    }

    private static async Task RefuseRateAsync(HttpContext context, JsonRpcOptions options, IJsonRpcObserver? observer)
    {
        observer?.ErrorReturned(JsonRpcErrorCode.LimitExceeded);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.ContentType = "application/json";
        JsonRpcProcessor.WriteError(response.BodyWriter, JsonRpcErrorCode.LimitExceeded, $"rate limit of {options.RateLimitPerSecond} requests per second exceeded");
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, JsonRpcProcessor processor, RateLimiter? rate, JsonRpcOptions options, ILogger logger, RpcCaller? caller)
    {
        var request = context.Request;
        var limit = options.MaxRequestBodyBytes;

        // The limit is ours (with a JSON-RPC error body), so Kestrel's own 30 MB cap must not fire first.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        if (request.ContentLength > limit)
        {
            await RefuseTooLargeAsync(context, request.ContentLength.Value, limit, logger, processor.Observer).ConfigureAwait(false);
            return;
        }

        var reader = request.BodyReader;
        var cancel = context.RequestAborted;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(cancel).ConfigureAwait(false);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.End);
                await RefuseTooLargeAsync(context, read.Buffer.Length, limit, logger, processor.Observer).ConfigureAwait(false);
                return;
            }

            if (read.IsCompleted)
            {
                break;
            }

            // Keep everything buffered: the document is parsed once the whole body is in.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var response = context.Response;
        response.ContentType = "application/json";
        try
        {
            // JsonDocument reads the pipe's buffer in place, so it is released only after processing.
            processor.Process(read.Buffer, response.BodyWriter, rate, caller);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }

        await response.BodyWriter.FlushAsync(cancel).ConfigureAwait(false);
    }

    private static async Task RefuseTooLargeAsync(HttpContext context, long length, int limit, ILogger logger, IJsonRpcObserver? observer)
    {
        observer?.ErrorReturned(JsonRpcErrorCode.InvalidRequest);
        JsonRpcLog.BodyTooLarge(logger, length, limit);

        // Read (and drop) the rest of the body first: a client still sending would otherwise see a reset
        // connection instead of the 413. Bounded, so a client streaming forever is cut off by Kestrel.
        var reader = context.Request.BodyReader;
        long drained = 0;
        while (drained < MaxDrainBytes)
        {
            var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            drained += read.Buffer.Length;
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        response.ContentType = "application/json";
        JsonRpcProcessor.WriteError(response.BodyWriter, JsonRpcErrorCode.InvalidRequest, $"request body exceeds the limit of {limit} bytes");
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
