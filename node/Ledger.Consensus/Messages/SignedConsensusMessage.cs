namespace Ledger.Consensus.Messages;

/// <summary>
/// A consensus message and its sender's 65-byte signature over <see cref="ConsensusMessageSigning.Digest"/>. The
/// sender is not carried: it is recovered from the signature, so a message cannot claim someone else's identity.
/// Attachments (blocks, justifications) are outside the signed payload; each of them is checked on its own.
/// </summary>
public abstract record SignedConsensusMessage(ulong Height, uint Round, byte[] Signature)
{
    public abstract ConsensusMessageType Type { get; }
}
