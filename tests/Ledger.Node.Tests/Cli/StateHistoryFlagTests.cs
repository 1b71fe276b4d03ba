using System.CommandLine;
using System.Text;
using System.Text.Json;
using Ledger.Node.Cli;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Hosting;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Cli;

/// <summary>--state-history-blocks: parsed on dev and run, range-checked, and honoured by a serving node.</summary>
public sealed class StateHistoryFlagTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dev_defaults_to_128_blocks_and_takes_the_flag()
    {
        Assert.Equal(0, await _cli.RunAsync("dev", "--data", _temp.File("a")));
        Assert.Equal(128, _cli.Launch!.Options.StateHistoryBlocks);

        Assert.Equal(0, await _cli.RunAsync("dev", "--data", _temp.File("b"), "--state-history-blocks", "4096"));
        Assert.Equal(4096, _cli.Launch!.Options.StateHistoryBlocks);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    public async Task A_window_outside_1_to_a_million_is_refused_naming_the_setting(string blocks)
    {
        var code = await _cli.RunAsync("dev", "--data", _temp.File("c"), "--state-history-blocks", blocks);

        Assert.NotEqual(0, code);
        Assert.Contains("stateHistoryBlocks", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_restarted_with_a_two_block_window_answers_recent_blocks_and_refuses_older_ones()
    {
        // While running, the last 16 states are also kept in memory; after a restart only the on-disk window is left.
        var data = _temp.File("node");
        var head = await RunDevAsync(data, async http =>
        {
            ulong number;
            while ((number = await HeadAsync(http)) < 5)
            {
                await Task.Delay(200);
            }

            return number;
        });

        await RunDevAsync(data, async http =>
        {
            var recent = await CallAsync(http, "eth_getTransactionCount", Operator, $"0x{head - 1:x}");
            var old = await CallAsync(http, "eth_getTransactionCount", Operator, "0x1");

            Assert.True(recent.TryGetProperty("result", out _), recent.GetRawText());
            Assert.True(old.TryGetProperty("error", out var error), old.GetRawText());
            Assert.Equal(-32000, error.GetProperty("code").GetInt32());
            Assert.Contains("state of block 1 is no longer available", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            return 0UL;
        });
    }

    private const string Operator = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    /// <summary>Runs `ledger dev --state-history-blocks 2` on <paramref name="data"/>, hands its JSON-RPC to <paramref name="body"/>, stops it.</summary>
    private static async Task<ulong> RunDevAsync(string data, Func<HttpClient, Task<ulong>> body)
    {
        var output = new LineWriter();
        using var stop = new CancellationTokenSource();
        var root = LedgerCli.Create((launch, ct) => NodeHost.RunAsync(launch, output, ct));
        var run = root.Parse(["dev", "--data", data, "--rpc-port", "0", "--grpc-port", "0", "--state-history-blocks", "2"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output, ProcessTerminationTimeout = null }, stop.Token);
        var ready = await output.ReadyLine.WaitAsync(Guard);
        using var http = new HttpClient { BaseAddress = new Uri(ready.Split(' ').Single(p => p.StartsWith("rpc=", StringComparison.Ordinal))[4..]) };
        try
        {
            return await body(http);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(Guard));
        }
    }

    private static async Task<ulong> HeadAsync(HttpClient http) =>
        Convert.ToUInt64((await CallAsync(http, "eth_blockNumber")).GetProperty("result").GetString(), 16);

    private static async Task<JsonElement> CallAsync(HttpClient http, string method, params object[] parameters)
    {
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/", UriKind.Relative), content);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
