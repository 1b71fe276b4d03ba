namespace Ledger.Wallet.Cli;

/// <summary>
/// The person at the keyboard: whether one is there, and their answers to a question or a password prompt. The
/// console in <c>ledger-wallet</c>; a scripted one in tests, so prompts (confirmation, password retries) can be tested.
/// </summary>
public interface ITerminal
{
    /// <summary>True when prompts can be answered: standard input and standard error are a terminal.</summary>
    bool IsInteractive { get; }

    /// <summary>A line typed by the user (null at end of input).</summary>
    string? ReadLine();

    /// <summary>A line typed without echo (a password).</summary>
    string ReadSecret();
}
