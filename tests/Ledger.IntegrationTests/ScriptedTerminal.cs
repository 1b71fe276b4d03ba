extern alias wallet;

using wallet::Ledger.Wallet.Cli;

namespace Ledger.IntegrationTests;

/// <summary>A person at the wallet's prompts, for in-process runs: answers and passwords typed in order, and what was asked.</summary>
public sealed class ScriptedTerminal(IEnumerable<string> answers, IEnumerable<string> passwords) : ITerminal
{
    private readonly Queue<string> _answers = new(answers);
    private readonly Queue<string> _passwords = new(passwords);

    public bool IsInteractive => true;

    public int PasswordsRead { get; private set; }

    public string? ReadLine() => _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException("the wallet asked a question the test did not expect");

    public string ReadSecret()
    {
        PasswordsRead++;
        return _passwords.Count > 0 ? _passwords.Dequeue() : throw new InvalidOperationException("the wallet asked for a password more often than the test expected");
    }
}
