using Ledger.Core.Primitives;

namespace Ledger.Consensus.Messages;

/// <summary>
/// The signed part of an encoded consensus message, read without its attachments (blocks, justifications): enough to
/// check height, window and signer before paying for the rest. <see cref="Digest"/> is what <see cref="Signature"/> signs.
/// </summary>
public readonly record struct ConsensusMessageHeader(ConsensusMessageType Type, ulong Height, uint Round, Hash32 Digest, byte[] Signature);
