using System.Text;

namespace Ledger.Wallet.Cli;

/// <summary>The process console: interactive unless input or standard error is redirected (a script, a pipe).</summary>
internal sealed class ConsoleTerminal : ITerminal
{
    public static ConsoleTerminal Instance { get; } = new();

    public bool IsInteractive => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    public string? ReadLine() => Console.ReadLine();

    public string ReadSecret()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
