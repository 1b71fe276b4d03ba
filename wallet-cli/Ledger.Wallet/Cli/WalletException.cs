namespace Ledger.Wallet.Cli;

/// <summary>An expected failure with a message in plain words and the exit code it maps to.</summary>
public sealed class WalletException : Exception
{
    public WalletException()
        : this("wallet error", ExitCodes.Failure)
    {
    }

    public WalletException(string message)
        : this(message, ExitCodes.Failure)
    {
    }

    public WalletException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
    }

    public WalletException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static WalletException Usage(string message) => new(message, ExitCodes.Usage);

    public static WalletException Rejected(string message) => new(message, ExitCodes.Rejected);

    public static WalletException Unreachable(string message, Exception? inner = null) => new(message, ExitCodes.Unreachable, inner);

    public static WalletException Key(string message, Exception? inner = null) => new(message, ExitCodes.KeyError, inner);
}
