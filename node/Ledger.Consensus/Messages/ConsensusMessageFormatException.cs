namespace Ledger.Consensus.Messages;

/// <summary>Bytes from a peer are not a well-formed consensus message; the message says what is wrong.</summary>
public sealed class ConsensusMessageFormatException : FormatException
{
    public ConsensusMessageFormatException(string message)
        : base(message)
    {
    }

    public ConsensusMessageFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
