using Ledger.Core.Primitives;

namespace Ledger.Wallet.Outbox;

/// <summary>A transaction this wallet signed and sent, kept until it is final (or can never be): enough to send it again.</summary>
public sealed record SentTransaction(Hash32 Hash, Address From, ulong Nonce, ulong ChainId, byte[] Raw, DateTimeOffset SignedAt, string Summary);
