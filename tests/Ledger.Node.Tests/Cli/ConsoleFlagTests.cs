using Ledger.Core.Crypto;
using Ledger.Node.Tests.Support;
using Ledger.Node.WebConsole;

namespace Ledger.Node.Tests.Cli;

/// <summary>--console / enableConsole: the web console is on by default, the flag turns it off, and the flag beats the config file.</summary>
public sealed class ConsoleFlagTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dev_serves_the_console_unless_told_false()
    {
        Assert.Equal(0, await _cli.RunAsync("dev", "--data", _temp.File("a")));
        Assert.True(_cli.Launch!.Options.EnableConsole);

        Assert.Equal(0, await _cli.RunAsync("dev", "--data", _temp.File("b"), "--console", "false"));
        Assert.False(_cli.Launch!.Options.EnableConsole);
    }

    [Fact]
    public async Task Run_reads_enable_console_from_the_config_file_and_the_flag_wins()
    {
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, """{ "enableConsole": false }""");
        var genesis = _temp.File("genesis.json");
        await File.WriteAllTextAsync(genesis, NodeFixture.Genesis.ToJson());
        var key = _temp.PrivateFile("validator.key", Convert.ToHexStringLower(DevKeys.PrivateKey(10)));

        Assert.Equal(0, await _cli.RunAsync("run", "--genesis", genesis, "--key", key, "--data", _temp.File("c"), "--config", config));
        Assert.False(_cli.Launch!.Options.EnableConsole);

        Assert.Equal(0, await _cli.RunAsync("run", "--genesis", genesis, "--key", key, "--data", _temp.File("d"), "--config", config, "--console", "true"));
        Assert.True(_cli.Launch!.Options.EnableConsole);
    }

    [Fact]
    public async Task A_console_value_that_is_not_a_boolean_is_refused_naming_the_flag()
    {
        var code = await _cli.RunAsync("dev", "--data", _temp.File("e"), "--console", "maybe");

        Assert.NotEqual(0, code);
        Assert.Contains("maybe", _cli.Error, StringComparison.Ordinal);
        Assert.Null(_cli.Launch);
    }

    [Fact]
    public void The_node_assembly_embeds_the_page_its_stylesheet_and_every_page_module()
    {
        var paths = ConsoleAssets.Embedded.Paths.ToHashSet(StringComparer.Ordinal);

        foreach (var page in new[] { "index.html", "console.css", "js/app.js", "js/pages/explorer.js", "js/pages/tokens.js", "js/pages/account.js", "js/pages/ops.js", "js/pages/compliance.js" })
        {
            Assert.Contains(page, paths);
        }

        var index = ConsoleAssets.Embedded.Find("index.html")!;
        Assert.Equal("text/html; charset=utf-8", index.ContentType);
        Assert.StartsWith("<!doctype html>", System.Text.Encoding.UTF8.GetString(index.Content), StringComparison.Ordinal);
        Assert.Null(ConsoleAssets.Embedded.Find("../genesis.json"));
    }
}
