using System.Text;

namespace Ledger.IntegrationTests;

/// <summary>
/// The commands of docs/wallet.md, in order: every line of its <c>sh</c> blocks is a wallet command, a known shell
/// step (the alias, the scratch folder, the password file, building and starting the node) or a comment. A comment
/// <c># ledger-wallet: …</c> after a command is the error it must fail with; <c># &gt; …</c> is output it must print.
/// Anything else in a <c>sh</c> block is an error of the page, so no command in it goes untested.
/// </summary>
internal static class WalletGuide
{
    public static IReadOnlyList<GuideStep> Steps(string markdown)
    {
        var steps = new List<GuideStep>();
        var inShell = false;
        var pending = new StringBuilder();
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && line.Trim() == "```sh";
                continue;
            }

            if (!inShell)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            var text = (pending.Append(line).ToString()).Trim();
            pending.Clear();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.StartsWith('#'))
            {
                Attach(steps, text);
                continue;
            }

            steps.Add(Step(text));
        }

        return steps;
    }

    private static void Attach(List<GuideStep> steps, string comment)
    {
        if (steps.Count == 0 || steps[^1].Kind != GuideStepKind.Wallet)
        {
            return;
        }

        var last = steps[^1];
        if (comment.StartsWith("# ledger-wallet: ", StringComparison.Ordinal))
        {
            steps[^1] = last with { ExpectedError = UpToEllipsis(comment[2..]) };
        }
        else if (comment.StartsWith("# > ", StringComparison.Ordinal))
        {
            steps[^1] = last with { ExpectedOutput = [.. last.ExpectedOutput, UpToEllipsis(comment[4..])] };
        }
    }

    private static GuideStep Step(string text)
    {
        if (text.StartsWith("ledger-wallet ", StringComparison.Ordinal))
        {
            var words = ShellWords(text["ledger-wallet ".Length..]);
            var redirect = words.Count >= 2 && words[^2] == ">" ? words[^1] : null;
            return new GuideStep(GuideStepKind.Wallet, text, redirect is null ? words : words[..^2]) { RedirectTo = redirect };
        }

        if (text.StartsWith("printf ", StringComparison.Ordinal) && text.Contains("> pw.txt", StringComparison.Ordinal))
        {
            var password = ShellWords(text)[2];
            return new GuideStep(GuideStepKind.PasswordFile, text, [password]);
        }

        foreach (var known in new[] { "alias ledger-wallet=", "mkdir -p wallet-walk && cd wallet-walk", "dotnet build Ledger.sln", "dotnet node/Ledger.Node/bin/Debug/net10.0/ledger.dll dev" })
        {
            if (text.StartsWith(known, StringComparison.Ordinal))
            {
                return new GuideStep(GuideStepKind.Shell, text, []);
            }
        }

        throw new InvalidOperationException($"docs/wallet.md has a shell line the guide test does not know how to run: {text}");
    }

    /// <summary>The text before the first ellipsis (what the page abbreviates), without trailing spaces.</summary>
    private static string UpToEllipsis(string text)
    {
        var cut = text.IndexOf('…', StringComparison.Ordinal);
        return (cut < 0 ? text : text[..cut]).Trim();
    }

    /// <summary>Splits like a POSIX shell for the quoting the page uses: 'single', "double", and bare words.</summary>
    internal static List<string> ShellWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                current.Append(text, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}

internal enum GuideStepKind
{
    Wallet,
    PasswordFile,
    Shell,
}

/// <summary>One line of the guide: a wallet command with its arguments, what it must print or fail with, or a shell step.</summary>
internal sealed record GuideStep(GuideStepKind Kind, string Text, IReadOnlyList<string> Arguments)
{
    public string? RedirectTo { get; init; }

    public string? ExpectedError { get; init; }

    public IReadOnlyList<string> ExpectedOutput { get; init; } = [];
}
