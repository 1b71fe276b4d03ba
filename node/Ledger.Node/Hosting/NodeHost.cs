using System.Net;
using Grpc.HealthCheck;
using Ledger.Access;
using Ledger.Access.Http;
using Ledger.Access.Policy;
using Ledger.JsonRpc;
using Ledger.Network.Transport;
using Ledger.Node.Access;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Consensus;
using Ledger.Node.Monitoring;
using Ledger.Node.Operations;
using Ledger.Node.Production;
using Ledger.Node.WebConsole;
using Ledger.Storage.Rocks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace Ledger.Node.Hosting;

/// <summary>
/// Runs a node as a process: RocksDB in the data directory, Kestrel on the RPC port (HTTP/1.1: JSON-RPC,
/// /health, /metrics; HTTPS with rpcTls), the gRPC port (HTTP/2; over TLS with the consortium's certificates when
/// peerTls is set) and optionally a separate gRPC client API port, every client surface behind the access gate
/// (docs/security.md), block production, and one ready line on standard output once the ports are bound. Logs go to
/// standard error so that standard output carries only what harnesses parse.
/// </summary>
public static partial class NodeHost
{
    public static Task<int> RunAsync(NodeLaunch launch, CancellationToken cancellationToken) =>
        RunAsync(launch, Console.Out, cancellationToken);

    /// <summary>
    /// Runs until the process is told to stop (SIGTERM, Ctrl-C), <paramref name="cancellationToken"/> is cancelled,
    /// or a fatal error; returns the exit code. <paramref name="output"/> receives the ready line.
    /// </summary>
    public static async Task<int> RunAsync(NodeLaunch launch, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(output);
        var options = launch.Options;
        if (launch.DataDirectoryIsTemporary)
        {
            await output.WriteLineAsync($"ledger: data directory {launch.DataDirectory} (fresh; pass --data DIR to keep a chain)");
        }

        Directory.CreateDirectory(launch.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        // The gate is built before anything listens: a bad key file or audit path is a setup error, not a runtime one.
        using var gate = NodeAccess.CreateGate(options.Auth, launch.DataDirectory);
        var listeners = new Listeners();
        builder.WebHost.ConfigureKestrel(kestrel => ConfigureListeners(kestrel, options, listeners));
        builder.Services.AddSingleton(gate);
        Api.LedgerApiEndpoints.AddLedgerApi(builder.Services);
        builder.Services.AddGrpcHealthChecks();
        var peerBox = new ConsortiumHosting.NetworkBox();
        if (ConsortiumHosting.IsConsortium(launch.Genesis))
        {
            ConsortiumHosting.AddPeerService(builder.Services, peerBox);
        }

        builder.Services.AddSingleton<HostFatalErrorHandler>(services =>
            new HostFatalErrorHandler(services.GetRequiredService<IHostApplicationLifetime>()));

        // The node is created after Build (it needs the app's loggers); the health check reads it through this box.
        var nodeBox = new StrongBoxNode();
        builder.Services.AddHealthChecks().AddCheck("ledger", () => nodeBox.Node is { HasFailed: false }
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("block production has stopped"));

        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger(typeof(NodeHost));
        var fatal = app.Services.GetRequiredService<HostFatalErrorHandler>();
        RocksDbKeyValueStore store;
        try
        {
            store = RocksDbKeyValueStore.Open(launch.DataDirectory, ex => fatal.OnFatalError("the database failed", ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"cannot open the database in '{launch.DataDirectory}': {ex.Message}", ex);
        }

        var node = LedgerNode.Open(launch.Genesis, launch.Signer, store, options, fatal, loggers);
        node.Metrics.WatchDataDirectory(launch.DataDirectory);
        peerBox.Network = node.Network;
        gate.Observer = new MetricsAccessObserver(node.Metrics);
        PoolSnapshotFile.Restore(node.Pool, launch.DataDirectory, logger);

        await using (node)
        {
            nodeBox.Node = node;
            UseListenerRouting(app, listeners);
            MapEndpoints(app, node, options, gate);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                DisposeAll(listeners.Reloaders);
                throw new NodeConfigurationException($"cannot listen on {options.RpcHost}:{options.RpcPort} / {options.EffectiveGrpcHost}:{options.GrpcPort}{(options.ApiPort is { } api ? $" / {options.EffectiveApiHost}:{api}" : "")}: {ex.Message}", ex);
            }

            try
            {
                node.Start();
                using var closePeers = app.Lifetime.ApplicationStopping.Register(() => _ = node.StopConsortiumAsync()); // never blocks the caller
                var rpcPort = listeners.RpcPort;
                var grpcPort = listeners.GrpcPort;
                LogServing(logger, launch.DataDirectory, rpcPort, grpcPort);
                await output.WriteLineAsync(AccessLine(options, gate));
                await output.WriteLineAsync(ReadyLine(options, rpcPort, grpcPort, listeners.Api is null ? null : listeners.ApiPort));
                await output.FlushAsync(CancellationToken.None);

                await app.WaitForShutdownAsync(cancellationToken);
            }
            finally
            {
                DisposeAll(listeners.Reloaders);
            }
        }

        // After the node stopped producing: what is still pooled waits for the next start (docs/architecture.md).
        var saved = PoolSnapshotFile.Save(node.Pool, launch.DataDirectory);
        LogPoolSaved(logger, saved);
        return fatal.ExitCode ?? 0;
    }

    /// <summary>
    /// The line test harnesses wait for: <c>ledger ready rpc=http://127.0.0.1:8545 grpc=http://127.0.0.1:50051</c>
    /// (<c>grpc=https://…</c> when peer TLS is on).
    /// </summary>
    public static string ReadyLine(string host, int rpcPort, int grpcPort, bool grpcTls = false) =>
        $"ledger ready rpc=http://{host}:{rpcPort} grpc={(grpcTls ? "https" : "http")}://{host}:{grpcPort}";

    /// <summary>
    /// The ready line for <paramref name="options"/>: https where the listener has TLS, each listener's own host, and
    /// <c> api=…</c> when the client API has its own port.
    /// </summary>
    public static string ReadyLine(NodeOptions options, int rpcPort, int grpcPort, int? apiPort)
    {
        ArgumentNullException.ThrowIfNull(options);
        var line = $"ledger ready rpc={(options.RpcTls is null ? "http" : "https")}://{options.RpcHost}:{rpcPort} " +
            $"grpc={(options.PeerTls is null ? "http" : "https")}://{options.EffectiveGrpcHost}:{grpcPort}";
        return apiPort is { } api ? $"{line} api={(options.ApiTls is null ? "http" : "https")}://{options.EffectiveApiHost}:{api}" : line;
    }

    /// <summary>One line saying whether clients must authenticate, so an open node never runs open silently.</summary>
    public static string AccessLine(NodeOptions options, AccessGate gate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        if (!gate.RequiresAuthentication)
        {
            return $"ledger: client APIs are OPEN (no authentication) on {options.RpcHost}{(options.InsecureNoAuth ? " (--insecure-no-auth)" : "")}: anyone who reaches the ports may call every method, including operator ones";
        }

        return $"ledger: client APIs require authentication ({(gate.AcceptsClientCertificates ? "bearer tokens or client certificates" : "bearer tokens")}); " +
            $"/metrics {(gate.MetricsRequireAuthentication ? "requires a role granting 'metrics'" : "is open")}; audit log {gate.AuditLog?.Path ?? "off"}";
    }

    internal static void MapEndpoints(WebApplication app, LedgerNode node, NodeOptions options) => MapEndpoints(app, node, options, AccessGate.Open);

    internal static void MapEndpoints(WebApplication app, LedgerNode node, NodeOptions options, AccessGate gate)
    {
        var metrics = node.Metrics;
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/")
            {
                metrics.RpcRequests.Inc();
            }

            return next(context);
        });
        app.UseLedgerJsonRpc(options.JsonRpc);
        UseMetricsAccess(app, gate);
        app.MapLedgerJsonRpc(
            node.Backend,
            options.JsonRpc,
            new RpcErrorMetrics(metrics),
            gate,
            filters => metrics.Registry.AddBeforeCollectCallback(() => metrics.RpcFilters.Set(filters.Count)));
        app.MapGet("/health", () => node.HasFailed
            ? Results.Json(new HealthReport("failed", node.Chain.HeadNumber), statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new HealthReport("ok", node.Chain.HeadNumber)));
        app.MapMetrics("/metrics", metrics.Registry);
        var backup = options.BackupDirectory is { } folder
            ? new OnlineBackup(node, folder, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OnlineBackup>())
            : null;
        AdminEndpoints.Map(app, backup);
        app.MapGrpcHealthChecksService();
        if (node.Network is not null)
        {
            ConsortiumHosting.MapPeerService(app);
        }

        Api.LedgerApiEndpoints.MapLedgerApi(app, node);
        if (options.EnableConsole)
        {
            app.MapLedgerConsole(ConsoleAssets.Embedded);
        }
    }

    /// <summary>GET /metrics through the gate when configured (a role granting 'metrics'): 401 without credentials, 403 without the role.</summary>
    private static void UseMetricsAccess(WebApplication app, AccessGate gate)
    {
        if (!gate.MetricsRequireAuthentication)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (context.Request.Path != "/metrics")
            {
                await next(context);
                return;
            }

            var auth = await gate.AuthenticateAsync(context, AccessSurface.Metrics);
            if (!auth.Succeeded)
            {
                AccessHttp.SetUnauthorized(context.Response, auth.Failure);
                await context.Response.WriteAsync(auth.Failure.Message + "\n", context.RequestAborted);
                return;
            }

            var decision = gate.Authorize(auth.Principal, AccessPolicy.MetricsMethod);
            if (!decision.Allowed)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync(decision.Denial + "\n", context.RequestAborted);
                return;
            }

            await next(context);
        });
    }

    private static void DisposeAll(List<IDisposable> disposables)
    {
        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }

        disposables.Clear();
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Saved {Count} pooled transactions for the next start")]
    private static partial void LogPoolSaved(ILogger logger, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Serving data directory {DataDirectory}: JSON-RPC on port {RpcPort}, gRPC on port {GrpcPort}")]
    private static partial void LogServing(ILogger logger, string dataDirectory, int rpcPort, int grpcPort);

    private sealed class StrongBoxNode
    {
        public LedgerNode? Node { get; set; }
    }

    /// <summary>The /health body.</summary>
    private sealed record HealthReport(string Status, ulong Height);
}
