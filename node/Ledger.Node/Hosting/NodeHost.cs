using System.Net;
using Grpc.HealthCheck;
using Ledger.JsonRpc;
using Ledger.Network.Transport;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Consensus;
using Ledger.Node.Monitoring;
using Ledger.Node.Operations;
using Ledger.Node.Production;
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
/// /health, /metrics) and the gRPC port (HTTP/2; over TLS with the consortium's certificates when peerTls is set), block production, and one ready line on standard output once
/// both ports are bound. Logs go to standard error so that standard output carries only what harnesses parse.
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

        var address = IPAddress.Parse(options.RpcHost);
        ListenOptions? rpcListen = null;
        ListenOptions? grpcListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.RpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                rpcListen = listen;
            });
            kestrel.Listen(address, options.GrpcPort, listen =>
            {
                if (options.PeerTls is { } tls)
                {
                    // Same listener code and certificate checks as Ledger.Network's own PeerServer: one place validates.
                    PeerTls.ConfigureListener(listen, tls.ToPeerTlsOptions());
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http2; // gRPC without TLS needs prior-knowledge HTTP/2
                }

                grpcListen = listen;
            });
        });
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
        PoolSnapshotFile.Restore(node.Pool, launch.DataDirectory, logger);

        await using (node)
        {
            nodeBox.Node = node;
            MapEndpoints(app, node, options);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                throw new NodeConfigurationException($"cannot listen on {options.RpcHost}:{options.RpcPort} / :{options.GrpcPort}: {ex.Message}", ex);
            }

            node.Start();
            using var closePeers = app.Lifetime.ApplicationStopping.Register(() => _ = node.StopConsortiumAsync()); // never blocks the caller
            var rpcPort = ((IPEndPoint)rpcListen!.EndPoint).Port;
            var grpcPort = ((IPEndPoint)grpcListen!.EndPoint).Port;
            LogServing(logger, launch.DataDirectory, rpcPort, grpcPort);
            await output.WriteLineAsync(ReadyLine(options.RpcHost, rpcPort, grpcPort, grpcTls: options.PeerTls is not null));
            await output.FlushAsync(CancellationToken.None);

            await app.WaitForShutdownAsync(cancellationToken);
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

    internal static void MapEndpoints(WebApplication app, LedgerNode node, NodeOptions options)
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
        app.MapLedgerJsonRpc(
            node.Backend,
            options.JsonRpc,
            new RpcErrorMetrics(metrics),
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
