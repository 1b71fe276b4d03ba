using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Chain;

/// <summary>A committed log with its position: <see cref="LogIndex"/> counts logs across the whole block, as in Ethereum.</summary>
public sealed record ChainLog(LogEntry Log, ulong BlockNumber, Hash32 BlockHash, Hash32 TransactionHash, int TransactionIndex, int LogIndex);
