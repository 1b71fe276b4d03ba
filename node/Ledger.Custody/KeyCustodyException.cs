namespace Ledger.Custody;

/// <summary>
/// A key could not be loaded, created or used: a wrong password, a missing token or key, a bad PIN, a file with the
/// wrong permissions. The message says what to do next and never contains a secret (password, PIN or key).
/// </summary>
public sealed class KeyCustodyException : Exception
{
    public KeyCustodyException()
    {
    }

    public KeyCustodyException(string message)
        : base(message)
    {
    }

    public KeyCustodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
