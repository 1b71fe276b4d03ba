using Ledger.Core.Transactions;

namespace Ledger.Core.Chain;

/// <summary>A header, its transactions in order, and (once final) its commit certificate.</summary>
public sealed record Block(BlockHeader Header, IReadOnlyList<SignedTransaction> Transactions, CommitCertificate? Certificate);
