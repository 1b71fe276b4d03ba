using System.Text.RegularExpressions;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>
/// docs/wallet.md as a user follows it: every command of its shell blocks, in order, against a fresh `ledger dev`,
/// with a person answering the prompts (yes, the password) and the files it writes in a scratch folder. The page's
/// placeholders are what a reader copies from earlier output: SECRET (the preimage `htlc lock` printed), BLOCK and
/// CURSOR (from a history page's "More:" line).
/// </summary>
public sealed partial class WalletDocTests(WalletNodeFixture fixture) : IClassFixture<WalletNodeFixture>
{
    private static readonly string[] FileOptions = ["--password-file", "--output", "--png", "--quote", "--private-key-file", "--keystore"];

    [Fact]
    public async Task Every_command_of_the_wallet_guide_runs_as_written()
    {
        var steps = WalletGuide.Steps(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "wallet.md")));
        var walk = Directory.CreateDirectory(Path.Combine(fixture.Directory, "wallet-walk")).FullName;
        var password = string.Empty;
        var outputs = new List<string>();
        var run = 0;
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case GuideStepKind.PasswordFile:
                    password = step.Arguments[0].Replace("\\n", string.Empty, StringComparison.Ordinal);
                    await File.WriteAllTextAsync(Path.Combine(walk, "pw.txt"), password + "\n");
                    continue;
                case GuideStepKind.Shell:
                    continue;
            }

            var args = Arguments(step, walk, outputs);
            var terminal = new ScriptedTerminal(Enumerable.Repeat("y", 4), Enumerable.Repeat(password, 4));
            var result = await fixture.WalletAtTerminal(terminal, [.. args]);
            run++;
            outputs.Add(result.Output + result.Error);
            var context = $"docs/wallet.md: `{step.Text}`\n{result}";
            if (step.ExpectedError is { } error)
            {
                Assert.True(result.ExitCode != 0, $"expected to fail: {context}");
                Assert.True(result.Error.Contains(error, StringComparison.Ordinal), $"expected the error \"{error}\": {context}");
                continue;
            }

            Assert.True(result.ExitCode == 0, context);
            foreach (var expected in step.ExpectedOutput)
            {
                Assert.True((result.Output + result.Error).Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in the output: {context}");
            }

            if (step.RedirectTo is { } file)
            {
                var path = Path.Combine(walk, file);
                await File.WriteAllTextAsync(path, result.Output);
                Assert.True(new FileInfo(path).Length > 0, context);
            }
        }

        Assert.True(run >= 60, $"only {run} wallet commands found in docs/wallet.md");
        Assert.True(File.Exists(Path.Combine(walk, "quote.json")) && File.Exists(Path.Combine(walk, "invoice.png")));
    }

    /// <summary>The step's arguments with its files in the scratch folder and its placeholders filled from earlier output.</summary>
    private static List<string> Arguments(GuideStep step, string walk, List<string> outputs)
    {
        var args = step.Arguments.ToList();
        for (var i = 0; i < args.Count; i++)
        {
            // A file name (pw.txt, quote.json): `--quote` is also post-rate's currency (EUR), which stays as it is.
            if (i > 0 && FileOptions.Contains(args[i - 1]) && args[i].Contains('.', StringComparison.Ordinal) && !Path.IsPathRooted(args[i]))
            {
                args[i] = Path.Combine(walk, args[i]);
            }

            args[i] = args[i] switch
            {
                "SECRET" => Latest(outputs, SecretPattern(), step),
                "BLOCK" => Latest(outputs, BlockPattern(), step),
                "CURSOR" => Latest(outputs, CursorPattern(), step),
                _ => args[i],
            };
        }

        return args;
    }

    private static string Latest(List<string> outputs, Regex pattern, GuideStep step)
    {
        for (var i = outputs.Count - 1; i >= 0; i--)
        {
            if (pattern.Match(outputs[i]) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException($"no earlier output of docs/wallet.md gives the placeholder of `{step.Text}`");
    }

    [GeneratedRegex(@"secret \(preimage\) (0x[0-9a-f]{64})")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"--as-of (\d+)")]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"--cursor ([A-Za-z0-9_-]+)")]
    private static partial Regex CursorPattern();
}
