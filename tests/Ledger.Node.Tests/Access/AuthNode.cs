using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Hosting;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Access;

/// <summary>
/// A whole node (NodeHost, as <c>ledger run</c> starts it) on free loopback ports with the given options, usually with
/// authentication on; stopped and its data deleted on dispose.
/// </summary>
internal sealed partial class AuthNode : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private AuthNode(TempDirectory data, LineWriter output, CancellationTokenSource stop, Task<int> run)
    {
        Data = data;
        Output = output;
        _stop = stop;
        _run = run;
    }

    public TempDirectory Data { get; }

    public LineWriter Output { get; }

    public Uri Rpc { get; private set; } = null!;

    public Uri Grpc { get; private set; } = null!;

    public Uri? Api { get; private set; }

    public static async Task<AuthNode> StartAsync(Func<TempDirectory, NodeOptions> options)
    {
        var data = new TempDirectory();
        var output = new LineWriter();
        var launch = new NodeLaunch(NodeFixture.Genesis, new LocalKeySigner(NodeFixture.ValidatorKey, Ecdsa.Default), data.File("data"), false, options(data) with { RpcPort = 0, GrpcPort = 0 });
        var stop = new CancellationTokenSource();
        var node = new AuthNode(data, output, stop, Task.Run(() => NodeHost.RunAsync(launch, output, stop.Token)));
        var ready = await Task.WhenAny(output.ReadyLine, node._run).WaitAsync(Guard);
        if (ready != output.ReadyLine)
        {
            await node._run; // throws the setup error
            throw new InvalidOperationException("the node stopped before it was ready");
        }

        var match = ReadyPattern().Match(await output.ReadyLine);
        Assert.True(match.Success, await output.ReadyLine);
        node.Rpc = new Uri(match.Groups["rpc"].Value);
        node.Grpc = new Uri(match.Groups["grpc"].Value);
        node.Api = match.Groups["api"].Success ? new Uri(match.Groups["api"].Value) : null;
        return node;
    }

    /// <summary>POSTs <paramref name="body"/> with an optional bearer token.</summary>
    public async Task<(int Status, string Body, HttpResponseMessage Response)> PostAsync(string body, string? token, HttpClient? client = null)
    {
        var http = client ?? new HttpClient();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Rpc) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        }
        finally
        {
            if (client is null)
            {
                http.Dispose();
            }
        }
    }

    /// <summary>One call; returns the parsed response object.</summary>
    public async Task<JsonElement> CallAsync(string method, string parameters, string? token)
    {
        var (status, body, _) = await PostAsync($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""", token);
        Assert.True(status == 200, $"HTTP {status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(Guard);
        }
        catch (Exception ex) when (ex is NodeConfigurationException or OperationCanceledException)
        {
            // A node that failed to start already reported it to the test.
        }

        Data.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex(@"^ledger ready rpc=(?<rpc>https?://\S+) grpc=(?<grpc>https?://\S+)( api=(?<api>https?://\S+))?$")]
    private static partial Regex ReadyPattern();
}
