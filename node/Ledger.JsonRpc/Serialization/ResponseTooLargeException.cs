namespace Ledger.JsonRpc.Serialization;

/// <summary>A result crossed the response byte limit while being written; the dispatcher turns it into -32005.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
        : base("the response exceeds the byte limit")
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
